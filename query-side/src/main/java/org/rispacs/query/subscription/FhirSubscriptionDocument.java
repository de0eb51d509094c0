package org.rispacs.query.subscription;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * A subscription of the {@code fhir-subscriptions} index. {@code status} is as its events left it (an end
 * passed since is applied when answering); {@code failedEventNumber} is the notification whose delivery
 * failed for good while the status is ERROR, so that only a later notification delivered clears it.
 */
record FhirSubscriptionDocument(
        String subscriptionId,
        SubscriptionTopic topic,
        String patientId,
        String endpoint,
        List<String> headers,
        String contentType,
        SubscriptionPayload payload,
        String reason,
        Instant end,
        FhirSubscriptionStatus status,
        Long eventsSinceStart,
        Long failedEventNumber,
        String lastError,
        Long version,
        Instant createdAt,
        Instant lastUpdated) {

    FhirSubscriptionDocument {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** The subscription as of {@code now}: OFF once its end has passed. */
    FhirSubscription answer(Instant now) {
        boolean ended = end != null && !end.isAfter(now);
        return new FhirSubscription(subscriptionId, topic, patientId,
                new SubscriptionChannel(endpoint, headers, contentType, payload), reason, end,
                ended ? FhirSubscriptionStatus.OFF : status, eventsSinceStart == null ? 0 : eventsSinceStart,
                status == FhirSubscriptionStatus.ERROR ? lastError : null, version == null ? 0 : version,
                lastUpdated);
    }
}
