package org.rispacs.command.delivery;

import java.time.Duration;

/**
 * How often and how patiently a report delivery is retried: the n-th retry waits
 * {@code initialDelay * multiplier^(n-1)}, capped at {@code maxDelay}; after {@code maxAttempts}
 * attempts the delivery has failed.
 */
public record DeliveryRetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public DeliveryRetryPolicy {
        if (maxAttempts < 1 || initialDelay.isNegative() || multiplier < 1 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("invalid delivery retry policy");
        }
    }

    /** The wait after the failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
