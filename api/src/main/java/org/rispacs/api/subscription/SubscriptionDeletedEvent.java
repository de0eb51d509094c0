package org.rispacs.api.subscription;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SubscriptionDeletedEvent(String subscriptionId) {
}
