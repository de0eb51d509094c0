package org.rispacs.api.fhir;

/** Asks for one patient by its FHIR resource id; answered with a {@link FhirPatient}, or nothing. */
public record FindFhirPatientQuery(String resourceId) {
}
