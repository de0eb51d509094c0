package org.rispacs.api.fhir;

import java.util.List;

/** The page of patients a {@link SearchFhirPatientsQuery} asked for, and how many match in all. */
public record FhirPatientMatches(List<FhirPatient> patients, long total) {

    public FhirPatientMatches {
        patients = patients == null ? List.of() : List.copyOf(patients);
    }
}
