package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReportDeliveryFailedEvent(
        String deliveryId,
        String reportId,
        String destination,
        int attempts,
        String lastError) {
}
