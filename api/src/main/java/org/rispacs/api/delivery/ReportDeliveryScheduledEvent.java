package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReportDeliveryScheduledEvent(
        String deliveryId,
        String reportId,
        String orderId,
        String destination,
        ResultStatus resultStatus) {
}
