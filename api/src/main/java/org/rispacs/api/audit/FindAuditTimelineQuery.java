package org.rispacs.api.audit;

import java.time.Instant;

/**
 * Events concerning a patient ({@code id^^^issuer}), an accession number, a study, an order or
 * a report, optionally by one actor and within a time range; oldest first, one page.
 */
public record FindAuditTimelineQuery(
        String patient,
        String accessionNumber,
        String studyInstanceUid,
        String orderId,
        String reportId,
        String actor,
        Instant from,
        Instant to,
        int page,
        int size) {
}
