package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsReport;

@Revision("1")
public record ReportDeliveryFailedEvent(
        String deliveryId,
        String reportId,
        String destination,
        int attempts,
        String lastError) implements ConcernsDelivery, ConcernsReport {
}
