package org.rispacs.hl7.outbound;

import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Makes the attempts of report deliveries: one ORU^R01 per attempt, tracked to its
 * acknowledgement, one delivery at a time per destination and in the order they were scheduled
 * ({@link DeliveryQueue}): a delivery scheduled while an earlier one to the same destination is
 * unfinished waits, without attempts, until that one is delivered or has failed.
 */
public final class ReportDeliverySender {

    private final ReportDeliveries deliveries;
    private final OutboundMessages messages;
    private final DeliveryQueue queue;
    private final TrackedAttempts attempts;

    /** @param actor audit actor of the recorded outcomes, e.g. {@code hl7:RISPACS/RISPACS} */
    public ReportDeliverySender(ReportDeliveries deliveries, OutboundMessages messages, DeliveryQueue queue,
                                OutboundChannel channel, CommandGateway commands, String actor) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.queue = queue;
        this.attempts = new TrackedAttempts(channel, commands, actor);
    }

    /** A delivery was scheduled: queued, and its first attempt made unless an earlier one is ahead of it. */
    public void scheduled(String deliveryId, String destination) {
        queue.append(deliveryId, destination);
        if (queue.head(destination).filter(deliveryId::equals).isPresent()) {
            attempt(deliveryId, 1);
        }
    }

    /** A delivery was delivered or has failed: the next one to its destination goes. */
    public void finished(String deliveryId, String destination) {
        queue.remove(deliveryId);
        queue.head(destination).ifPresent(next -> deliveries.dueAttempt(next)
                .ifPresent(attempt -> attempt(next, attempt)));
    }

    /** Attempt {@code attempt} of the delivery, when it is due (retries are due only at the head of a queue). */
    public void attempt(String deliveryId, int attempt) {
        attempts.attempt(deliveryId, attempt, "ORU^R01", "R", () -> deliveries.due(deliveryId, attempt)
                .map(pending -> new TrackedAttempts.Due(pending.destination(),
                        (to, controlId) -> messages.reportResult(pending.result(), to, controlId))));
    }
}
