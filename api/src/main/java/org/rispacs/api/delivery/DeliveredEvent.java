package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsReport;

/** The destination accepted the message. {@code reportId} is null for a charge. */
@Revision("1")
public record DeliveredEvent(
        String deliveryId,
        DeliveryKind kind,
        String reportId,
        String destination,
        String ackCode) implements ConcernsDelivery, ConcernsReport {
}
