package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReportDeliveryAttemptedEvent(
        String deliveryId,
        int attempt,
        boolean acknowledged,
        String ackCode,
        String error) {
}
