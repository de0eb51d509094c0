package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The outcome of one attempt of a tracked delivery (report or charge): acknowledged with AA, or
 * the ACK code / error that made it fail.
 */
public record RecordDeliveryAttemptCommand(
        @TargetAggregateIdentifier String deliveryId,
        int attempt,
        boolean acknowledged,
        String ackCode,
        String error) {
}
