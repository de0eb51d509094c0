package org.rispacs.api.fhir;

/** Where an order stands, as its events tell it (the order aggregate's states). */
public enum FhirOrderState {
    PLACED,
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    DISCONTINUED,
    CANCELLED
}
