package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Schedules (or reschedules) the order's procedure step on a modality station. */
public record ScheduleProcedureCommand(
        @TargetAggregateIdentifier String orderId,
        LocalDateTime scheduledStart,
        String stationAeTitle,
        String stationName,
        String location) {
}
