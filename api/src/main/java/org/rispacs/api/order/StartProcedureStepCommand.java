package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** MPPS N-CREATE IN PROGRESS for the order's scheduled step. */
public record StartProcedureStepCommand(
        @TargetAggregateIdentifier String orderId,
        String performedStepUid,
        String stationAeTitle,
        LocalDateTime startedAt) {
}
