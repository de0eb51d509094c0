package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsReport;

@Revision("1")
public record ReportDeliveryScheduledEvent(
        String deliveryId,
        String reportId,
        String orderId,
        String destination,
        ResultStatus resultStatus) implements ConcernsDelivery, ConcernsReport, ConcernsOrder {
}
