package org.rispacs.api.fhir;

/**
 * Asks for one order by its ServiceRequest id (the order id); answered with a {@link FhirServiceRequest},
 * or nothing. As a subscription query its updates are the order after each of its events.
 */
public record FindFhirServiceRequestQuery(String resourceId) {
}
