package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends one report version to one destination, tracked to its acknowledgement. */
public record ScheduleReportDeliveryCommand(
        @TargetAggregateIdentifier String deliveryId,
        String reportId,
        String orderId,
        String destination,
        ResultStatus resultStatus) {
}
