package org.rispacs.hl7.inbound;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.hl7.ack.AckBuilder;
import org.rispacs.hl7.ack.AcknowledgementCode;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7Error;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.mapping.MappingException;
import org.rispacs.hl7.mapping.MessageMapper;
import org.rispacs.hl7.mapping.SupportedMessages;
import org.rispacs.hl7.message.Hl7Charsets;
import org.rispacs.hl7.message.Hl7Parser;
import org.rispacs.hl7.message.MessageHeader;
import org.rispacs.hl7.mllp.MllpMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound message from bytes to acknowledgement: decode per MSH-18, answer a duplicate with
 * its first acknowledgement, check version and type, parse, map to commands, send them and wait
 * until their events are committed, then answer AA and remember the message. Never throws: any
 * failure becomes an AE or AR.
 */
public final class InboundMessageProcessor implements MllpMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final InboundSettings settings;
    private final Hl7Parser parser;
    private final MessageMapper mapper;
    private final CommandGateway commands;
    private final ProcessedMessages processed;
    private final AckBuilder acks;
    private final Map<MessageKey, ReentrantLock> inFlight = new ConcurrentHashMap<>();

    public InboundMessageProcessor(InboundSettings settings, Hl7Parser parser, MessageMapper mapper,
                                   CommandGateway commands, ProcessedMessages processed, AckBuilder acks) {
        this.settings = settings;
        this.parser = parser;
        this.mapper = mapper;
        this.commands = commands;
        this.processed = processed;
        this.acks = acks;
    }

    @Override
    public byte[] handle(byte[] payload, boolean oversized, String peer) {
        String msh18 = Hl7Charsets.msh18(payload);
        Optional<Charset> charset = Hl7Charsets.forMsh18(msh18, settings.defaultCharset());
        if (charset.isEmpty()) {
            MessageHeader header = MessageHeader.read(Hl7Charsets.decode(payload, StandardCharsets.ISO_8859_1))
                    .orElse(null);
            return reject(header, Hl7Error.at(ErrorLocation.field("MSH", 18), Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "character set '" + msh18 + "' is not supported (ASCII, 8859/1, 8859/15, UNICODE UTF-8 are)"))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        String text = Hl7Charsets.decode(payload, charset.get());
        String ack;
        try {
            ack = process(text, oversized, peer);
        } catch (RuntimeException unexpected) {
            log.error("Processing an HL7 message from {} failed", peer, unexpected);
            ack = reject(MessageHeader.read(text).orElse(null),
                    Hl7Error.of(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, "internal error; retry later"));
        }
        return ack.getBytes(charset.get());
    }

    private String process(String text, boolean oversized, String peer) {
        Optional<MessageHeader> read = MessageHeader.read(text);
        if (read.isEmpty()) {
            log.warn("Rejecting a payload from {} that does not start with an MSH segment", peer);
            return reject(null, Hl7Error.at(ErrorLocation.field("MSH", 1), Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    "the message does not start with a readable MSH segment"));
        }
        MessageHeader header = read.get();
        if (oversized) {
            return reject(header, Hl7Error.of(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "the message is larger than " + settings.maxMessageSize() + " bytes"));
        }
        if (!SupportedMessages.VERSIONS.contains(header.version())) {
            return reject(header, Hl7Error.at(ErrorLocation.field("MSH", 12), Hl7ErrorCode.UNSUPPORTED_VERSION_ID,
                    "version '" + header.version() + "' is not supported (2.3 to 2.5.1 are)"));
        }
        if (header.controlId().isEmpty()) {
            return reject(header, Hl7Error.at(ErrorLocation.field("MSH", 10), Hl7ErrorCode.REQUIRED_FIELD_MISSING,
                    "the message control id is required"));
        }
        MessageKey key = new MessageKey(header.sendingApplication(), header.sendingFacility(), header.controlId());
        ReentrantLock lock = inFlight.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<String> earlier = processed.acknowledgementOf(key);
            if (earlier.isPresent()) {
                log.info("HL7 message {} from {}/{} was processed before: answering its acknowledgement again",
                        key.controlId(), key.sendingApplication(), key.sendingFacility());
                return earlier.get();
            }
            return processNew(text, header, key);
        } finally {
            lock.unlock();
            inFlight.remove(key, lock);
        }
    }

    private String processNew(String text, MessageHeader header, MessageKey key) {
        List<Object> mapped;
        try {
            if (!SupportedMessages.isSupportedType(header.messageType())
                    || !SupportedMessages.isSupported(header.messageType(), header.triggerEvent())) {
                // answer unsupported types without asking HAPI to parse structures we never read
                mapped = mapper.map(null, header);
            } else {
                Message message = parser.parse(text);
                mapped = mapper.map(message, header);
            }
        } catch (HL7Exception unparseable) {
            return reject(header, Hl7Error.of(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    "the message cannot be parsed: " + unparseable.getMessage()));
        } catch (MappingException invalid) {
            return acks.build(header, invalid.acknowledgement(), List.of(invalid.error()));
        }
        Map<String, String> audit = Map.of(
                AuditMetadata.ACTOR, "hl7:" + key.sendingApplication() + "/" + key.sendingFacility(),
                AuditMetadata.CHANNEL, "hl7",
                AuditMetadata.SOURCE, "MSH-10 " + key.controlId() + " from " + key.sendingApplication() + "/"
                        + key.sendingFacility());
        for (Object command : mapped) {
            Optional<Hl7Error> error = send(command, audit);
            if (error.isPresent()) {
                AcknowledgementCode code = error.get().code() == Hl7ErrorCode.APPLICATION_INTERNAL_ERROR
                        && error.get().applicationCode() == null ? AcknowledgementCode.AR : AcknowledgementCode.AE;
                return acks.build(header, code, List.of(error.get()));
            }
        }
        String ack = acks.build(header, AcknowledgementCode.AA, List.of());
        processed.record(key, ack);
        return ack;
    }

    /** Sends one command and waits for its commit; the error to acknowledge, if any. */
    private Optional<Hl7Error> send(Object command, Map<String, String> audit) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
            return Optional.empty();
        } catch (RuntimeException failure) {
            if (command instanceof PlaceOrderCommand place && alreadyPlaced(place.orderId(), audit)) {
                // a re-sent NW under a new control id: the order exists, nothing to change
                return Optional.empty();
            }
            return Optional.of(CommandErrors.toHl7Error(command, failure));
        }
    }

    /**
     * Whether the order exists: a change that changes nothing succeeds (or is refused as a
     * transition) for an existing order, and finds no aggregate for a missing one.
     */
    private boolean alreadyPlaced(String orderId, Map<String, String> audit) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new UpdateOrderCommand(orderId, null, null, null, null)).andMetaData(audit));
            return true;
        } catch (RuntimeException failure) {
            return CommandErrors.find(failure, CommandRefusedException.class).isPresent()
                    && CommandErrors.find(failure, AggregateNotFoundException.class).isEmpty();
        }
    }

    private String reject(MessageHeader header, Hl7Error error) {
        return acks.build(header, AcknowledgementCode.AR, List.of(error));
    }
}
