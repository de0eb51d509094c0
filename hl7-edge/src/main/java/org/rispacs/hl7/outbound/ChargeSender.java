package org.rispacs.hl7.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a DFT^P03 per captured charge to the billing destination, once: the outcome (ACK code or
 * error) is recorded and a charge with a recorded outcome is never sent again. There is no retry:
 * no aggregate tracks charge messages, so a refused or unreachable one waits for an operator.
 */
public final class ChargeSender {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeSender.class);

    private final String billingDestination;
    private final OutboundMessages messages;
    private final OutboundChannel channel;
    private final SentCharges sent;

    public ChargeSender(String billingDestination, OutboundMessages messages, OutboundChannel channel,
                        SentCharges sent) {
        this.billingDestination = billingDestination;
        this.messages = messages;
        this.channel = channel;
        this.sent = sent;
    }

    public void send(ChargeDetails charge) {
        if (sent.isSent(charge.chargeId())) {
            return;
        }
        String controlId = OutboundChannel.controlId("C", charge.chargeId());
        AckOutcome outcome = channel.destination(billingDestination)
                .map(to -> channel.send(to, messages.charge(charge, to, controlId), controlId))
                .orElseGet(() -> AckOutcome.failed(null, "unknown billing destination '" + billingDestination + "'"));
        if (!outcome.acknowledged()) {
            LOG.error("charge {} not accepted by {}: {}", charge.chargeId(), billingDestination, outcome.error());
        }
        sent.record(charge.chargeId(), billingDestination, controlId, outcome);
    }
}
