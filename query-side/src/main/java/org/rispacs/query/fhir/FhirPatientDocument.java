package org.rispacs.query.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatient;

/**
 * A patient of the {@code fhir-patients} index. {@code nameMatch} holds the name's parts normalised
 * for prefix matching; {@code changes} the events that changed the record, whose count is its
 * version.
 */
record FhirPatientDocument(
        String resourceId,
        String patientId,
        String issuerOfPatientId,
        String family,
        String given,
        String middle,
        String prefix,
        String suffix,
        List<String> nameMatch,
        String birthDate,
        String sex,
        Boolean active,
        PatientIdentifier replacedBy,
        List<PatientIdentifier> replaces,
        List<FhirPatientChange> changes,
        Instant lastUpdated) {

    FhirPatientDocument {
        nameMatch = nameMatch == null ? List.of() : List.copyOf(nameMatch);
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    FhirPatient answer() {
        boolean named = family != null || given != null;
        Demographics demographics = named || birthDate != null || sex != null
                ? new Demographics(named ? new PersonName(family, given, middle, prefix, suffix) : null,
                        birthDate == null ? null : LocalDate.parse(birthDate), sex)
                : null;
        return new FhirPatient(resourceId, new PatientIdentifier(patientId, issuerOfPatientId), demographics,
                active == null || active, replacedBy, replaces, changes.size(), lastUpdated);
    }
}
