package org.rispacs.hl7.outbound;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the attempts of outbound deliveries: asks the delivery (the command side's
 * {@code OutboundDelivery}) which attempt is due, writes the message its kind calls for (ORU^R01
 * for a report version, DFT^P03 for a charge), sends it and records the outcome with the delivery,
 * which decides on retry or failure. An attempt whose outcome is recorded is never made again, so
 * redelivered or replayed events send nothing twice.
 *
 * <p>The whole path of a report, from signature to ACK, is drawn in docs/architecture.md ("The ORU
 * path"). Report versions go one at a time per destination, in the order they were scheduled
 * ({@link DeliveryQueue}): a version scheduled while an earlier one to the same destination is
 * unfinished waits, without attempts, until that one is delivered or has failed.
 */
public final class OutboundDeliverySender implements TrackedDeliverySender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundDeliverySender.class);

    private final MessageFacts facts;
    private final OutboundMessages messages;
    private final DeliveryQueue reportQueue;
    private final CommandGateway commands;
    private final TrackedAttempts attempts;

    /** @param actor audit actor of the recorded outcomes, e.g. {@code hl7:RISPACS/RISPACS} */
    public OutboundDeliverySender(MessageFacts facts, OutboundMessages messages, DeliveryQueue reportQueue,
                                  OutboundChannel channel, CommandGateway commands, String actor) {
        this.facts = facts;
        this.messages = messages;
        this.reportQueue = reportQueue;
        this.commands = commands;
        this.attempts = new TrackedAttempts(channel, commands, actor);
    }

    /** A delivery was scheduled: its first attempt, unless it is a report version queued behind another. */
    @Override
    public void scheduled(String deliveryId, DeliveryKind kind, String destination) {
        if (kind == DeliveryKind.REPORT_RESULT) {
            reportQueue.append(deliveryId, destination);
            if (reportQueue.head(destination).filter(deliveryId::equals).isEmpty()) {
                return;
            }
        }
        attempt(deliveryId, 1, kind);
    }

    /** A delivery was delivered or has failed: the next report version to its destination goes. */
    @Override
    public void finished(String deliveryId, DeliveryKind kind, String destination) {
        if (kind != DeliveryKind.REPORT_RESULT) {
            return;
        }
        reportQueue.remove(deliveryId);
        reportQueue.head(destination).flatMap(this::due).ifPresent(this::attempt);
    }

    /**
     * Attempt {@code attempt} of a delivery of the given kind, when it is due (a retry is due only
     * at the head of a report queue, since only the head was attempted).
     */
    @Override
    public void attempt(String deliveryId, int attempt, DeliveryKind kind) {
        Optional<DueDeliveryAttempt> due = due(deliveryId).filter(d -> d.attempt() == attempt && d.kind() == kind);
        if (due.isEmpty()) {
            LOG.debug("attempt {} of {} ({}) is not due, nothing sent", attempt, deliveryId, kind);
            return;
        }
        attempt(due.get());
    }

    private Optional<DueDeliveryAttempt> due(String deliveryId) {
        return Optional.ofNullable(commands.sendAndWait(new FindDueDeliveryAttemptCommand(deliveryId)));
    }

    private void attempt(DueDeliveryAttempt due) {
        switch (due.kind()) {
            case REPORT_RESULT -> attempts.attempt(due, "ORU^R01", "R", () -> {
                ReportResult result = facts.reportResult(due);
                return (to, controlId) -> messages.reportResult(result, to, controlId);
            });
            case CHARGE -> attempts.attempt(due, "DFT^P03", "C", () -> {
                ChargeDetails charge = facts.charge(due);
                return (to, controlId) -> messages.charge(charge, to, controlId);
            });
            default -> throw new IllegalArgumentException("no message for deliveries of kind " + due.kind());
        }
    }
}
