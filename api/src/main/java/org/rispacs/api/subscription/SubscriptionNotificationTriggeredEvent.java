package org.rispacs.api.subscription;

import org.axonframework.serialization.Revision;

/** A notification is due to the subscription's endpoint; its delivery is tracked like an ORU's. */
@Revision("1")
public record SubscriptionNotificationTriggeredEvent(
        String subscriptionId,
        SubscriptionNotification notification,
        long triggerPosition) {
}
