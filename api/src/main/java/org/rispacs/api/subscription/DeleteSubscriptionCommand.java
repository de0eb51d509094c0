package org.rispacs.api.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client ends its subscription: no notification is triggered for it any more. */
public record DeleteSubscriptionCommand(@TargetAggregateIdentifier String subscriptionId) {
}
