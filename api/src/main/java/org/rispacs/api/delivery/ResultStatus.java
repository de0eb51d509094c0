package org.rispacs.api.delivery;

/** HL7 OBX-11 / OBR-25 result status of a delivered report: F final, C corrected (addendum). */
public enum ResultStatus {
    FINAL,
    CORRECTED
}
