package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;

@Revision("1")
public record ReportDeliveryAttemptedEvent(
        String deliveryId,
        int attempt,
        boolean acknowledged,
        String ackCode,
        String error) implements ConcernsDelivery {
}
