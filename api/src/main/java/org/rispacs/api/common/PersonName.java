package org.rispacs.api.common;

/** A person's name in the five components DICOM PN and HL7 XPN share (family^given^middle^prefix^suffix). */
public record PersonName(
        String family,
        String given,
        String middle,
        String prefix,
        String suffix) {
}
