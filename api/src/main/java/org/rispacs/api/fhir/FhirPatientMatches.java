package org.rispacs.api.fhir;

import java.util.List;

/** The patients a {@link SearchFhirPatientsQuery} found, and whether more than its limit matched. */
public record FhirPatientMatches(List<FhirPatient> patients, boolean more) {

    public FhirPatientMatches {
        patients = patients == null ? List.of() : List.copyOf(patients);
    }
}
