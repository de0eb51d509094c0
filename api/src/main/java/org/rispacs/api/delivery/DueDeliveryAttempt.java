package org.rispacs.api.delivery;

import org.rispacs.api.subscription.SubscriptionNotification;

/**
 * The attempt of a delivery the sender is to make now, with what the delivery carries and where to.
 *
 * @param reportId     null for a charge
 * @param resultStatus null for a charge
 * @param chargeId     null for a report
 * @param notification the FHIR subscription notification; null for the others
 */
public record DueDeliveryAttempt(
        String deliveryId,
        int attempt,
        DeliveryKind kind,
        String destination,
        String orderId,
        String reportId,
        ResultStatus resultStatus,
        String chargeId,
        SubscriptionNotification notification) {
}
