package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The placer discontinues the order (HL7 ORC-1 DC): an order not started yet is cancelled, one in
 * progress has its procedure step discontinued, a completed one cannot be discontinued.
 */
public record DiscontinueOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String reason) {
}
