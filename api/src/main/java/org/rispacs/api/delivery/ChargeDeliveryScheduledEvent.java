package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsCharge;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsOrder;

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
        String destination) implements ConcernsDelivery, ConcernsCharge, ConcernsOrder {
}
