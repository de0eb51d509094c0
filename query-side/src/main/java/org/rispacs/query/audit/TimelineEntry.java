package org.rispacs.query.audit;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.audit.AuditEntry;

/**
 * A document of the audit timeline index: one event with its metadata, and the patients,
 * accession numbers, studies, orders, reports and user accounts it is found by.
 *
 * @param timestamp ISO-8601, as the index's date field reads it
 * @param payload   the event as stored, in JSON
 */
record TimelineEntry(
        String eventId,
        String type,
        String aggregateId,
        long sequence,
        String timestamp,
        String actor,
        String channel,
        String source,
        String correlationId,
        String payload,
        List<String> patients,
        List<String> accessionNumbers,
        List<String> studyInstanceUids,
        List<String> orderIds,
        List<String> reportIds,
        List<String> users) {

    AuditEntry toAuditEntry() {
        return new AuditEntry(eventId, type, aggregateId, sequence, Instant.parse(timestamp), actor, channel, source,
                correlationId, payload, patients);
    }
}
