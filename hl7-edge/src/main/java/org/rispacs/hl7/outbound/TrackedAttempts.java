package org.rispacs.hl7.outbound;

import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;

/**
 * Makes one due attempt of a tracked delivery, whatever it carries: writes the message, sends it
 * and records the outcome with the delivery.
 */
final class TrackedAttempts {

    private final OutboundChannel channel;
    private final CommandGateway commands;
    private final String actor;

    TrackedAttempts(OutboundChannel channel, CommandGateway commands, String actor) {
        this.channel = channel;
        this.commands = commands;
        this.actor = actor;
    }

    /** Writes a message for a destination under a control id. */
    @FunctionalInterface
    interface MessageWriter {
        String write(OutboundDestination to, String controlId);
    }

    /** Reads the facts a message needs; throws IllegalStateException when one is missing. */
    @FunctionalInterface
    interface Facts {
        MessageWriter read();
    }

    /**
     * @param messageType   for the audit trail, e.g. {@code ORU^R01}
     * @param controlPrefix first character of our MSH-10 for this kind of message
     */
    void attempt(DueDeliveryAttempt due, String messageType, String controlPrefix, Facts facts) {
        MessageWriter writer;
        try {
            writer = facts.read();
        } catch (IllegalStateException e) {
            record(due, AckOutcome.failed(null, e.getMessage()), messageType + " not sent");
            return;
        }
        Optional<OutboundDestination> destination = channel.destination(due.destination());
        if (destination.isEmpty()) {
            record(due, AckOutcome.failed(null, "unknown destination '" + due.destination()
                    + "': no ris.hl7.destinations." + due.destination() + ".host/port configured"),
                    messageType + " not sent");
            return;
        }
        String controlId = OutboundChannel.controlId(controlPrefix, due.deliveryId() + "#" + due.attempt());
        String message = writer.write(destination.get(), controlId);
        record(due, channel.send(destination.get(), message, controlId), messageType + " MSH-10 " + controlId);
    }

    /** @param source what the audit trail names as the outcome's origin */
    private void record(DueDeliveryAttempt due, AckOutcome outcome, String source) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordDeliveryAttemptCommand(
                        due.deliveryId(), due.attempt(), outcome.acknowledged(), outcome.ackCode(), outcome.error()))
                .andMetaData(Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "hl7",
                        AuditMetadata.SOURCE, source)));
    }
}
