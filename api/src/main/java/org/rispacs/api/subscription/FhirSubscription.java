package org.rispacs.api.subscription;

import java.time.Instant;

/**
 * A subscription as the FHIR edge shows it.
 *
 * @param eventsSinceStart the number of the last notification triggered (0 before the first)
 * @param lastError        why the last failed notification failed, while the status is ERROR
 * @param version          one more with each of the subscription's events
 */
public record FhirSubscription(
        String subscriptionId,
        SubscriptionTopic topic,
        String patientId,
        SubscriptionChannel channel,
        String reason,
        Instant end,
        FhirSubscriptionStatus status,
        long eventsSinceStart,
        String lastError,
        long version,
        Instant lastUpdated) {
}
