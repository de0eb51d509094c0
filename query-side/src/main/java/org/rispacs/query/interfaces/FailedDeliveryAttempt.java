package org.rispacs.query.interfaces;

import java.time.Instant;

/** The latest attempt of a delivery, refused or failed: what went wrong and when. */
record FailedDeliveryAttempt(int attempts, String lastAckCode, String lastError, Instant lastErrorAt) {
}
