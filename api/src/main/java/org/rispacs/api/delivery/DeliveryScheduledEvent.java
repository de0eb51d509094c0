package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsCharge;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsReport;

/**
 * An outbound message is on its way to a destination, tracked to its acknowledgement.
 *
 * @param reportId     the report whose version is delivered; null for a charge
 * @param resultStatus the version's result status; null for a charge
 * @param chargeId     the charge delivered; null for a report
 */
@Revision("1")
public record DeliveryScheduledEvent(
        String deliveryId,
        DeliveryKind kind,
        String destination,
        String orderId,
        String reportId,
        ResultStatus resultStatus,
        String chargeId) implements ConcernsDelivery, ConcernsOrder, ConcernsReport, ConcernsCharge {
}
