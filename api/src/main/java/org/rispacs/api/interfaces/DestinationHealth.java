package org.rispacs.api.interfaces;

import java.time.Instant;

/**
 * Tracked deliveries (reports and charges) to one destination.
 *
 * @param unackedOverdue pending deliveries scheduled longer ago than the alert threshold
 * @param attempts       delivery attempts made, over all deliveries
 */
public record DestinationHealth(
        String destination,
        long pending,
        long delivered,
        long failed,
        long unackedOverdue,
        long attempts,
        String lastError,
        Instant lastErrorAt) {
}
