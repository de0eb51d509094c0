package org.rispacs.hl7.outbound;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Makes the attempts of charge deliveries: one DFT^P03 per attempt, tracked to its
 * acknowledgement exactly like a report (retries, back-off, failure).
 */
public final class ChargeDeliverySender {

    private final ChargeDeliveries deliveries;
    private final OutboundMessages messages;
    private final SentCharges sentBefore;
    private final TrackedAttempts attempts;

    /** @param actor audit actor of the recorded outcomes, e.g. {@code hl7:RISPACS/RISPACS} */
    public ChargeDeliverySender(ChargeDeliveries deliveries, OutboundMessages messages, OutboundChannel channel,
                                SentCharges sentBefore, CommandGateway commands, String actor) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.sentBefore = sentBefore;
        this.attempts = new TrackedAttempts(channel, commands, actor);
    }

    public void attempt(String deliveryId, int attempt) {
        Optional<PendingCharge> pending = dueOrEmptyIfBroken(deliveryId, attempt);
        if (pending.isPresent() && attempt == 1) {
            Optional<String> accepted = sentBefore.acceptedBefore(pending.get().charge().chargeId());
            if (accepted.isPresent()) {
                attempts.record(deliveryId, attempt, AckOutcome.accepted(accepted.get()),
                        "DFT^P03 accepted by the once-only sender of an earlier version");
                return;
            }
        }
        attempts.attempt(deliveryId, attempt, "DFT^P03", "C", () -> deliveries.due(deliveryId, attempt)
                .map(charge -> new TrackedAttempts.Due(charge.destination(),
                        (to, controlId) -> messages.charge(charge.charge(), to, controlId))));
    }

    private Optional<PendingCharge> dueOrEmptyIfBroken(String deliveryId, int attempt) {
        try {
            return deliveries.due(deliveryId, attempt);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }
}
