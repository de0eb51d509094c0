package org.rispacs.hl7.outbound;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of a tracked delivery, whatever it carries: builds the message, sends it and
 * records the outcome with the delivery, which decides on retry or failure. An attempt whose
 * outcome is recorded is never made again, so redelivered or replayed events send nothing twice.
 */
final class TrackedAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedAttempts.class);

    private final OutboundChannel channel;
    private final CommandGateway commands;
    private final String actor;

    TrackedAttempts(OutboundChannel channel, CommandGateway commands, String actor) {
        this.channel = channel;
        this.commands = commands;
        this.actor = actor;
    }

    /** A message still to be sent: where to, and how to write it for that destination under a control id. */
    record Due(String destination, BiFunction<OutboundDestination, String, String> message) {
    }

    /** What to look up before an attempt; throws IllegalStateException when a fact the message needs is missing. */
    @FunctionalInterface
    interface Lookup {
        Optional<Due> due();
    }

    /**
     * @param messageType    for the audit trail, e.g. {@code ORU^R01}
     * @param controlPrefix  first character of our MSH-10 for this kind of message
     */
    void attempt(String deliveryId, int attempt, String messageType, String controlPrefix, Lookup lookup) {
        Optional<Due> due;
        try {
            due = lookup.due();
        } catch (IllegalStateException e) {
            record(deliveryId, attempt, AckOutcome.failed(null, e.getMessage()), messageType + " not sent");
            return;
        }
        if (due.isEmpty()) {
            LOG.debug("attempt {} of {} is not due, nothing sent", attempt, deliveryId);
            return;
        }
        String destinationName = due.get().destination();
        Optional<OutboundDestination> destination = channel.destination(destinationName);
        if (destination.isEmpty()) {
            record(deliveryId, attempt, AckOutcome.failed(null, "unknown destination '" + destinationName
                    + "': no ris.hl7.destinations." + destinationName + ".host/port configured"),
                    messageType + " not sent");
            return;
        }
        String controlId = OutboundChannel.controlId(controlPrefix, deliveryId + "#" + attempt);
        String message = due.get().message().apply(destination.get(), controlId);
        record(deliveryId, attempt, channel.send(destination.get(), message, controlId),
                messageType + " MSH-10 " + controlId);
    }

    /** @param source what the audit trail names as the outcome's origin */
    void record(String deliveryId, int attempt, AckOutcome outcome, String source) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordDeliveryAttemptCommand(deliveryId,
                        attempt, outcome.acknowledged(), outcome.ackCode(), outcome.error()))
                .andMetaData(Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "hl7",
                        AuditMetadata.SOURCE, source)));
    }
}
