package org.rispacs.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.PlaceOrderCommand;

@Aggregate
class ImagingOrder {

    /** DICOM Modality (0008,0060) is a CS value: upper-case letters, digits, space, underscore. */
    private static final Pattern MODALITY = Pattern.compile("[A-Z0-9_]{1,16}");

    @AggregateIdentifier
    private String orderId;

    private String accessionNumber;

    ImagingOrder() {
        // for Axon to rebuild the order from its events
    }

    @CommandHandler
    ImagingOrder(PlaceOrderCommand command, AccessionNumberAllocator accessionNumbers) {
        if (command.patient() == null) {
            throw new IllegalArgumentException("an order needs a patient identifier with its issuer");
        }
        if (command.procedureCode() == null || command.procedureCode().isBlank()) {
            throw new IllegalArgumentException("an order needs a procedure code");
        }
        if (command.modality() == null || !MODALITY.matcher(command.modality()).matches()) {
            throw new IllegalArgumentException(
                    "modality '" + command.modality() + "' is not a DICOM modality code (e.g. CT, MR, US)");
        }
        if (command.priority() == null) {
            throw new IllegalArgumentException("an order needs a priority");
        }
        apply(new OrderPlacedEvent(command.orderId(), command.patient(), command.procedureCode().strip(),
                command.modality(), command.priority()));
        apply(new AccessionAssignedEvent(command.orderId(), accessionNumbers.allocate(command.orderId())));
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
    }

    @EventSourcingHandler
    void on(AccessionAssignedEvent event) {
        accessionNumber = event.accessionNumber();
    }
}
