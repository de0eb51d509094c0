package org.rispacs.app.hl7;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.hl7.outbound.ChargeSender;

/** Sends a DFT^P03 per captured charge; a processor of its own, so billing never delays reports. */
@ProcessingGroup(ChargeMessageEventHandler.PROCESSING_GROUP)
class ChargeMessageEventHandler {

    static final String PROCESSING_GROUP = "hl7-charges";

    private final EventStoreFacts facts;
    private final ChargeSender sender;

    ChargeMessageEventHandler(EventStoreFacts facts, ChargeSender sender) {
        this.facts = facts;
        this.sender = sender;
    }

    @EventHandler
    void on(ChargeCapturedEvent event, @Timestamp Instant capturedAt) {
        sender.send(facts.charge(event, capturedAt));
    }
}
