package org.rispacs.hl7.outbound;

import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of a report delivery: builds the ORU^R01, sends it, and records the outcome
 * with the delivery, which decides on retry or failure. An attempt whose outcome is recorded is
 * never made again, so redelivered or replayed events send nothing twice.
 */
public final class ReportDeliverySender {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDeliverySender.class);

    private final ReportDeliveries deliveries;
    private final OutboundMessages messages;
    private final OutboundChannel channel;
    private final CommandGateway commands;
    private final String actor;

    /** @param actor audit actor of the recorded outcomes, e.g. {@code hl7:RISPACS/RISPACS} */
    public ReportDeliverySender(ReportDeliveries deliveries, OutboundMessages messages, OutboundChannel channel,
                                CommandGateway commands, String actor) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.channel = channel;
        this.commands = commands;
        this.actor = actor;
    }

    public void attempt(String deliveryId, int attempt) {
        Optional<PendingReport> pending;
        try {
            pending = deliveries.due(deliveryId, attempt);
        } catch (IllegalStateException e) {
            record(deliveryId, attempt, AckOutcome.failed(null, e.getMessage()), "");
            return;
        }
        if (pending.isEmpty()) {
            LOG.debug("attempt {} of {} is not due, nothing sent", attempt, deliveryId);
            return;
        }
        String destinationName = pending.get().destination();
        Optional<OutboundDestination> destination = channel.destination(destinationName);
        if (destination.isEmpty()) {
            record(deliveryId, attempt, AckOutcome.failed(null, "unknown destination '" + destinationName
                    + "': no ris.hl7.destinations." + destinationName + ".host/port configured"), "");
            return;
        }
        String controlId = OutboundChannel.controlId("R", deliveryId + "#" + attempt);
        String message = messages.reportResult(pending.get().result(), destination.get(), controlId);
        record(deliveryId, attempt, channel.send(destination.get(), message, controlId), controlId);
    }

    private void record(String deliveryId, int attempt, AckOutcome outcome, String controlId) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordDeliveryAttemptCommand(deliveryId,
                        attempt, outcome.acknowledged(), outcome.ackCode(), outcome.error()))
                .andMetaData(Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "hl7",
                        AuditMetadata.SOURCE, controlId.isEmpty() ? "ORU^R01 not sent"
                                : "ORU^R01 MSH-10 " + controlId)));
    }
}
