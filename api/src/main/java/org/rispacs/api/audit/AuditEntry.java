package org.rispacs.api.audit;

import java.time.Instant;
import java.util.List;

/**
 * One event of the audit timeline: what happened (type and payload as stored), to which
 * aggregate, when, by whom, through which channel and source, and in which correlation.
 *
 * @param patients the patients the event concerns, in CX notation ({@code id^^^issuer})
 */
public record AuditEntry(
        String eventId,
        String type,
        String aggregateId,
        long sequence,
        Instant timestamp,
        String actor,
        String channel,
        String source,
        String correlationId,
        String payload,
        List<String> patients) {

    public AuditEntry {
        patients = patients == null ? List.of() : List.copyOf(patients);
    }
}
