package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsReport;

@Revision("1")
public record ReportDeliveredEvent(
        String deliveryId,
        String reportId,
        String destination,
        String ackCode) implements ConcernsDelivery, ConcernsReport {
}
