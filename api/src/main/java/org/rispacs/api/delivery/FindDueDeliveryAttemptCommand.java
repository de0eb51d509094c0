package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks a delivery which attempt the sender is to make now; changes nothing. Answers a
 * {@link DueDeliveryAttempt}, or null when no attempt is due: the delivery is finished, or the
 * outcome of its current attempt is recorded and it waits out the back-off.
 */
public record FindDueDeliveryAttemptCommand(@TargetAggregateIdentifier String deliveryId) {
}
