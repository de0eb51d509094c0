package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.subscription.SubscriptionNotification;

/**
 * Sends one FHIR subscription notification to the subscription's endpoint (its destination is the
 * subscription), tracked to its 2xx like a report delivery: the attempts, retries and outcome use
 * the same commands and events.
 */
public record ScheduleNotificationDeliveryCommand(
        @TargetAggregateIdentifier String deliveryId,
        SubscriptionNotification notification) {
}
