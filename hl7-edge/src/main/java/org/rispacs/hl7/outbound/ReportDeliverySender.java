package org.rispacs.hl7.outbound;

import org.axonframework.commandhandling.gateway.CommandGateway;

/** Makes the attempts of report deliveries: one ORU^R01 per attempt, tracked to its acknowledgement. */
public final class ReportDeliverySender {

    private final ReportDeliveries deliveries;
    private final OutboundMessages messages;
    private final TrackedAttempts attempts;

    /** @param actor audit actor of the recorded outcomes, e.g. {@code hl7:RISPACS/RISPACS} */
    public ReportDeliverySender(ReportDeliveries deliveries, OutboundMessages messages, OutboundChannel channel,
                                CommandGateway commands, String actor) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.attempts = new TrackedAttempts(channel, commands, actor);
    }

    public void attempt(String deliveryId, int attempt) {
        attempts.attempt(deliveryId, attempt, "ORU^R01", "R", () -> deliveries.due(deliveryId, attempt)
                .map(pending -> new TrackedAttempts.Due(pending.destination(),
                        (to, controlId) -> messages.reportResult(pending.result(), to, controlId))));
    }
}
