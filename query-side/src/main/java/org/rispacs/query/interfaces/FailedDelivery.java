package org.rispacs.query.interfaces;

import java.time.Instant;

/** A delivery given up after its last attempt. */
record FailedDelivery(String status, int attempts, String lastError, Instant lastErrorAt, Instant finishedAt) {
}
