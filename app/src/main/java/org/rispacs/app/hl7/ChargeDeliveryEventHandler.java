package org.rispacs.app.hl7;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.rispacs.api.delivery.ChargeDeliveryScheduledEvent;
import org.rispacs.api.delivery.ReportDeliveryRetryDueEvent;
import org.rispacs.hl7.outbound.ChargeDeliverySender;

/**
 * Makes each charge delivery attempt (DFT^P03) when it falls due. A tracking processor of its own,
 * one segment: charges leave in the order they were captured, and a slow billing system never
 * delays reports. Retries of report deliveries reach it too and are found not to be a charge's.
 */
@ProcessingGroup(ChargeDeliveryEventHandler.PROCESSING_GROUP)
class ChargeDeliveryEventHandler {

    static final String PROCESSING_GROUP = "hl7-charges";

    private final ChargeDeliverySender sender;

    ChargeDeliveryEventHandler(ChargeDeliverySender sender) {
        this.sender = sender;
    }

    @EventHandler
    void on(ChargeDeliveryScheduledEvent event) {
        sender.attempt(event.deliveryId(), 1);
    }

    @EventHandler
    void on(ReportDeliveryRetryDueEvent event) {
        sender.attempt(event.deliveryId(), event.attempt());
    }
}
