package org.rispacs.api.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.rispacs.api.common.PatientIdentifier;

/**
 * The logical id of a patient's FHIR resource: the first 128 bits of the SHA-256 of the identifier
 * in CX notation ({@code id^^^issuer}), in lower-case hex. Stable (the same identity always gets
 * the same id), URL-safe and within FHIR's 64 characters whatever the identifier holds, and it
 * does not put the patient id itself into URLs and access logs.
 */
public final class FhirPatientIds {

    private static final int BYTES = 16;

    private FhirPatientIds() {
    }

    public static String of(PatientIdentifier patient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(patient.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
