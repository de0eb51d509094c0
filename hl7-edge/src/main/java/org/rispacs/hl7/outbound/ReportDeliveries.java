package org.rispacs.hl7.outbound;

import java.util.Optional;

/** What the workflow knows about report deliveries, read from its recorded facts. */
public interface ReportDeliveries {

    /**
     * The report to send as attempt {@code attempt} of the delivery; empty when that attempt is
     * not (or no longer) due: the delivery is finished, another attempt is current, or this one's
     * outcome is already recorded.
     *
     * @throws IllegalStateException when the delivery is due but a fact the message needs is missing
     */
    Optional<PendingReport> due(String deliveryId, int attempt);

    /** The delivery's current attempt while its outcome is unrecorded and the delivery unfinished. */
    Optional<Integer> dueAttempt(String deliveryId);
}
