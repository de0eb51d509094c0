package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sends one captured charge (DFT^P03) to one billing destination, tracked to its acknowledgement
 * like a report delivery: the attempts, retries and outcome use the same commands and events.
 */
public record ScheduleChargeDeliveryCommand(
        @TargetAggregateIdentifier String deliveryId,
        String chargeId,
        String orderId,
        String destination) {
}
