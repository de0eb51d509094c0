package org.rispacs.api.audit;

import java.time.Instant;

/**
 * Events concerning a patient ({@code id^^^issuer}), an accession number, a study, an order or
 * a report, optionally by one actor and within a time range; oldest first, one page.
 *
 * @param user the user account an event concerns (a security event's {@code username}), whoever acted
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
        int size,
        String user) {

    /** A search that names no user account. */
    public FindAuditTimelineQuery(String patient, String accessionNumber, String studyInstanceUid, String orderId,
                                  String reportId, String actor, Instant from, Instant to, int page, int size) {
        this(patient, accessionNumber, studyInstanceUid, orderId, reportId, actor, from, to, page, size, null);
    }
}
