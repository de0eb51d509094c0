package org.rispacs.api.fhir;

import java.time.Instant;

/**
 * Events of the audit trail matching every criterion given (a null one is not applied); answered
 * with {@link FhirAuditRecordMatches}: the {@code limit} events after the first {@code offset}, oldest first,
 * with the number of all that match.
 *
 * @param patient          a patient the event concerns, CX notation ({@code id^^^issuer})
 * @param orderId          an order it concerns
 * @param studyInstanceUid a study it concerns
 * @param reportId         a report it concerns
 * @param actor            who acted, exactly
 * @param actorPrefix      the start of who acted, ignoring case
 * @param eventType        the event's type, its class's simple name ({@code OrderPlacedEvent})
 * @param from             recorded at or after this instant
 * @param until            recorded before this instant
 * @param offset           how many matches to skip
 * @param limit            the most events answered
 */
public record SearchFhirAuditRecordsQuery(
        String patient,
        String orderId,
        String studyInstanceUid,
        String reportId,
        String actor,
        String actorPrefix,
        String eventType,
        Instant from,
        Instant until,
        int offset,
        int limit) {
}
