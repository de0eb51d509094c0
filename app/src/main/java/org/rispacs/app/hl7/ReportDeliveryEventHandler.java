package org.rispacs.app.hl7;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.rispacs.api.delivery.ReportDeliveredEvent;
import org.rispacs.api.delivery.ReportDeliveryFailedEvent;
import org.rispacs.api.delivery.ReportDeliveryRetryDueEvent;
import org.rispacs.api.delivery.ReportDeliveryScheduledEvent;
import org.rispacs.hl7.outbound.ReportDeliverySender;

/**
 * Makes each report delivery attempt when it falls due. A tracking processor of its own, one
 * segment: deliveries leave in the order they were scheduled (one at a time per destination, see
 * {@link ReportDeliverySender}), and a slow EHR holds up no other processor.
 */
@ProcessingGroup(ReportDeliveryEventHandler.PROCESSING_GROUP)
class ReportDeliveryEventHandler {

    static final String PROCESSING_GROUP = "hl7-report-delivery";

    private final ReportDeliverySender sender;

    ReportDeliveryEventHandler(ReportDeliverySender sender) {
        this.sender = sender;
    }

    @EventHandler
    void on(ReportDeliveryScheduledEvent event) {
        sender.scheduled(event.deliveryId(), event.destination());
    }

    @EventHandler
    void on(ReportDeliveryRetryDueEvent event) {
        sender.attempt(event.deliveryId(), event.attempt());
    }

    @EventHandler
    void on(ReportDeliveredEvent event) {
        finished(event.reportId(), event.deliveryId(), event.destination());
    }

    @EventHandler
    void on(ReportDeliveryFailedEvent event) {
        finished(event.reportId(), event.deliveryId(), event.destination());
    }

    /** Charges share these events (without a report id) but not the report queues. */
    private void finished(String reportId, String deliveryId, String destination) {
        if (reportId != null) {
            sender.finished(deliveryId, destination);
        }
    }
}
