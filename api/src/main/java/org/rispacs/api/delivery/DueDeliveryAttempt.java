package org.rispacs.api.delivery;

/**
 * The attempt of a delivery the sender is to make now, with what the delivery carries and where to.
 *
 * @param reportId     null for a charge
 * @param resultStatus null for a charge
 * @param chargeId     null for a report
 */
public record DueDeliveryAttempt(
        String deliveryId,
        int attempt,
        DeliveryKind kind,
        String destination,
        String orderId,
        String reportId,
        ResultStatus resultStatus,
        String chargeId) {
}
