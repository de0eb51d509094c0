package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.ProcedureCode;

/** Changes an order's details (HL7 ORC-1 XO). */
public record UpdateOrderCommand(
        @TargetAggregateIdentifier String orderId,
        ProcedureCode procedure,
        OrderPriority priority,
        String reason,
        String orderingProvider) {
}
