package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReportDeliveredEvent(
        String deliveryId,
        String reportId,
        String destination,
        String ackCode) {
}
