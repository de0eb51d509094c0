package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsReport;

/** The retry policy is exhausted: the destination never accepted the message. {@code reportId} is null for a charge. */
@Revision("1")
public record DeliveryFailedEvent(
        String deliveryId,
        DeliveryKind kind,
        String reportId,
        String destination,
        int attempts,
        String lastError) implements ConcernsDelivery, ConcernsReport {
}
