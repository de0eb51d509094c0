package org.rispacs.api.fhir;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;

/**
 * A patient as the FHIR edge shows it.
 *
 * @param resourceId   the Patient's logical id ({@link FhirPatientIds#of})
 * @param identifier   the identity (id and issuer)
 * @param demographics what the RIS knows of them; null for a patient known only from orders or merges
 * @param active       false once merged into another patient
 * @param replacedBy   the survivor of the merge that ended this identity, or null
 * @param replaces     the identities merged into this one
 * @param version      how many events changed this patient's record (its version id, from 1)
 * @param lastUpdated  when the last of them happened
 */
public record FhirPatient(
        String resourceId,
        PatientIdentifier identifier,
        Demographics demographics,
        boolean active,
        PatientIdentifier replacedBy,
        List<PatientIdentifier> replaces,
        int version,
        Instant lastUpdated) {

    public FhirPatient {
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }
}
