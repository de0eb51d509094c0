package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String reason) {
}
