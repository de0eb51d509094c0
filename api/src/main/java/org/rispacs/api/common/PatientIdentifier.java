package org.rispacs.api.common;

import java.util.Objects;

/**
 * A patient identifier qualified by the authority that issued it (HL7 PID-3 with its assigning
 * authority; DICOM Patient ID (0010,0020) with Issuer of Patient ID (0010,0021)).
 */
public record PatientIdentifier(String id, String issuer) {

    public PatientIdentifier {
        Objects.requireNonNull(id, "patient id");
        Objects.requireNonNull(issuer, "patient id issuer");
        id = id.strip();
        issuer = issuer.strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("patient id must not be blank");
        }
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("issuer of patient id must not be blank");
        }
    }

    /** HL7 CX notation, also the patient aggregate's identifier. */
    @Override
    public String toString() {
        return id + "^^^" + issuer;
    }
}
