package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DiscontinueProcedureStepCommand(
        @TargetAggregateIdentifier String orderId,
        String performedStepUid,
        String reason) {
}
