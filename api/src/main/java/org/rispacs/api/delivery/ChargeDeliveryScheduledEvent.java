package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

/**
 * A charge message is on its way to a billing destination. What follows (attempts, retry due,
 * delivered, failed) is recorded with the events every tracked delivery shares, whose
 * {@code reportId} is null for a charge.
 */
@Revision("1")
public record ChargeDeliveryScheduledEvent(
        String deliveryId,
        String chargeId,
        String orderId,
        String destination) {
}
