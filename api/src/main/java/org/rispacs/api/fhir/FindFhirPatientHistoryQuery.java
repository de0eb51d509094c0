package org.rispacs.api.fhir;

/** Every version of a Patient, from the events that changed it; answered with {@link FhirPatientVersions}. */
public record FindFhirPatientHistoryQuery(String resourceId) {
}
