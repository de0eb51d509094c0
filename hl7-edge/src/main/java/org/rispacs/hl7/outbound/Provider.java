package org.rispacs.hl7.outbound;

import org.rispacs.api.common.PersonName;

/**
 * A clinician (or a station) as HL7 XCN and CNN fields name one: an id and a structured name,
 * either of which may be missing.
 *
 * @param id   the id the placer (or our user accounts) knows the person by; null when unknown
 * @param name family, given, middle, prefix, suffix; null when unknown
 */
public record Provider(String id, PersonName name) {

    /**
     * A provider whose name is held in DICOM PN form ({@code family^given^middle^prefix^suffix}),
     * as orders keep the ordering provider's; null when neither id nor name is known.
     */
    public static Provider fromDicomName(String id, String dicomName) {
        boolean noId = id == null || id.isBlank();
        boolean noName = dicomName == null || dicomName.isBlank();
        if (noId && noName) {
            return null;
        }
        PersonName name = null;
        if (!noName) {
            String[] parts = dicomName.split("\\^", -1);
            name = new PersonName(part(parts, 0), part(parts, 1), part(parts, 2), part(parts, 3), part(parts, 4));
        }
        return new Provider(noId ? null : id, name);
    }

    /** A user of ours, whose name is held as one display text: split as {@link DisplayNames} does. */
    public static Provider fromDisplayName(String id, String displayName) {
        return new Provider(id, DisplayNames.split(displayName));
    }

    private static String part(String[] parts, int index) {
        return index < parts.length && !parts[index].isBlank() ? parts[index].strip() : null;
    }
}
