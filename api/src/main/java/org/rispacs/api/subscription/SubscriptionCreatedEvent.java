package org.rispacs.api.subscription;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A subscription is active from now on; see {@link CreateSubscriptionCommand}. */
@Revision("1")
public record SubscriptionCreatedEvent(
        String subscriptionId,
        SubscriptionTopic topic,
        String patientId,
        SubscriptionChannel channel,
        String reason,
        Instant end) {
}
