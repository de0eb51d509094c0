package org.rispacs.api.fhir;

/** Asks for one event of the audit trail by its identifier; answered with a {@link FhirAuditRecord}, or nothing. */
public record FindFhirAuditRecordQuery(String eventId) {
}
