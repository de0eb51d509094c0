package org.rispacs.app.hl7;

import org.axonframework.eventhandling.EventHandler;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.hl7.outbound.OutboundDeliverySender;
import org.rispacs.hl7.outbound.TrackedDeliverySender;

/**
 * Makes each outbound delivery attempt of one kind when it falls due. One instance per kind, each
 * in a tracking processor of its own with one segment ({@link #processingGroup}): deliveries leave
 * in the order they were scheduled (report versions one at a time per destination, see
 * {@link OutboundDeliverySender}), and a slow EHR never delays charges, nor a slow billing system
 * reports. FHIR notifications are sent the same way by the FHIR edge's sender.
 */
public class OutboundDeliveryEventHandler {

    private final DeliveryKind kind;
    private final TrackedDeliverySender sender;

    public OutboundDeliveryEventHandler(DeliveryKind kind, TrackedDeliverySender sender) {
        this.kind = kind;
        this.sender = sender;
    }

    /** The processor of a kind's deliveries; the names are those their tokens are stored under. */
    public static String processingGroup(DeliveryKind kind) {
        return switch (kind) {
            case REPORT_RESULT -> "hl7-report-delivery";
            case CHARGE -> "hl7-charges";
            case FHIR_NOTIFICATION -> "fhir-notifications";
        };
    }

    public DeliveryKind kind() {
        return kind;
    }

    @EventHandler
    void on(DeliveryScheduledEvent event) {
        if (event.kind() == kind) {
            sender.scheduled(event.deliveryId(), kind, event.destination());
        }
    }

    @EventHandler
    void on(DeliveryRetryDueEvent event) {
        if (event.kind() == kind) {
            sender.attempt(event.deliveryId(), event.attempt(), kind);
        }
    }

    @EventHandler
    void on(DeliveredEvent event) {
        if (event.kind() == kind) {
            sender.finished(event.deliveryId(), kind, event.destination());
        }
    }

    @EventHandler
    void on(DeliveryFailedEvent event) {
        if (event.kind() == kind) {
            sender.finished(event.deliveryId(), kind, event.destination());
        }
    }
}
