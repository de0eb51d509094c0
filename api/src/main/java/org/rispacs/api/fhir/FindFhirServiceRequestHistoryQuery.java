package org.rispacs.api.fhir;

/** Every version of an order's ServiceRequest, from its events; answered with {@link FhirServiceRequestVersions}. */
public record FindFhirServiceRequestHistoryQuery(String resourceId) {
}
