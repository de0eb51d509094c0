package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsCharge;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsReport;
import org.rispacs.api.subscription.SubscriptionNotification;

/**
 * An outbound message is on its way to a destination, tracked to its acknowledgement.
 *
 * @param reportId     the report whose version is delivered; null for a charge
 * @param resultStatus the version's result status; null for a charge
 * @param chargeId     the charge delivered; null for a report
 * @param notification the FHIR subscription notification delivered; null for the others (and in the
 *                     events stored before notifications existed, which lack it: no upcaster needed)
 */
@Revision("1")
public record DeliveryScheduledEvent(
        String deliveryId,
        DeliveryKind kind,
        String destination,
        String orderId,
        String reportId,
        ResultStatus resultStatus,
        String chargeId,
        SubscriptionNotification notification)
        implements ConcernsDelivery, ConcernsOrder, ConcernsReport, ConcernsCharge {
}
