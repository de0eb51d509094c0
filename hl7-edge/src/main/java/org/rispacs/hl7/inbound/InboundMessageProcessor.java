package org.rispacs.hl7.inbound;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.hl7.ack.AckBuilder;
import org.rispacs.hl7.ack.AcknowledgementCode;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7Error;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.mapping.MappedCommand;
import org.rispacs.hl7.mapping.MappingException;
import org.rispacs.hl7.mapping.MessageMapper;
import org.rispacs.hl7.mapping.SupportedMessages;
import org.rispacs.hl7.message.Hl7Charsets;
import org.rispacs.hl7.message.Hl7Parser;
import org.rispacs.hl7.message.MessageHeader;
import org.rispacs.hl7.message.MessageText;
import org.rispacs.hl7.mllp.MllpMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound message from bytes to acknowledgement: decode per MSH-18, answer a re-delivery with
 * its first acknowledgement, check version and type, parse and validate the whole message, then
 * send its commands in one transaction with the record of the message, answering AA only once all
 * of it is committed. A refusal rolls everything back. Never throws: any failure becomes an AE or AR.
 */
public final class InboundMessageProcessor implements MllpMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);
    /** Tries of a message that met concurrent changes to the records it changes. */
    private static final int MAX_ATTEMPTS = 4;

    private final InboundSettings settings;
    private final Hl7Parser parser;
    private final MessageMapper mapper;
    private final CommandGateway commands;
    private final ProcessedMessages processed;
    private final AckBuilder acks;
    private final MessageTransactions transactions;
    private final ReusedControlIds reusedControlIds;
    private final Map<MessageKey, ReentrantLock> inFlight = new ConcurrentHashMap<>();

    public InboundMessageProcessor(InboundSettings settings, Hl7Parser parser, MessageMapper mapper,
                                   CommandGateway commands, ProcessedMessages processed, AckBuilder acks,
                                   MessageTransactions transactions, ReusedControlIds reusedControlIds) {
        this.settings = settings;
        this.parser = parser;
        this.mapper = mapper;
        this.commands = commands;
        this.processed = processed;
        this.acks = acks;
        this.transactions = transactions;
        this.reusedControlIds = reusedControlIds;
    }

    @Override
    public byte[] handle(byte[] received, boolean oversized, String peer) {
        byte[] payload = withoutLeadingNoise(received);
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

    /** A UTF-8 byte order mark and blank lines before MSH are tolerated: some senders' files begin so. */
    private static byte[] withoutLeadingNoise(byte[] payload) {
        int start = 0;
        if (payload.length >= 3 && (payload[0] & 0xff) == 0xef && (payload[1] & 0xff) == 0xbb
                && (payload[2] & 0xff) == 0xbf) {
            start = 3;
        }
        while (start < payload.length && (payload[start] == '\r' || payload[start] == '\n'
                || payload[start] == ' ' || payload[start] == '\t')) {
            start++;
        }
        return start == 0 ? payload : Arrays.copyOfRange(payload, start, payload.length);
    }

    private String process(String received, boolean oversized, String peer) {
        String text = MessageText.stripLeadingNoise(received);
        if (MessageText.isBatch(text) && !oversized) {
            return processBatch(text, peer);
        }
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
        if (MessageText.countMessageHeaders(text) > 1) {
            return reject(header, Hl7Error.at(ErrorLocation.field("MSH", 1).inRepetition(2),
                    Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "the frame holds more than one message; send each message"
                            + " in a frame of its own (nothing of this frame was kept)"));
        }
        if (!SupportedMessages.VERSIONS.contains(header.version())) {
            return reject(header, Hl7Error.at(ErrorLocation.field("MSH", 12), Hl7ErrorCode.UNSUPPORTED_VERSION_ID,
                    "version '" + header.version() + "' is not supported (2.3 to 2.8.2 are)"));
        }
        if (header.controlId().isEmpty()) {
            return reject(header, Hl7Error.at(ErrorLocation.field("MSH", 10), Hl7ErrorCode.REQUIRED_FIELD_MISSING,
                    "the message control id is required"));
        }
        MessageKey key = new MessageKey(header.sendingApplication(), header.sendingFacility(), header.controlId());
        String digest = ContentDigest.of(text);
        ReentrantLock lock = inFlight.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<String> earlier = earlierAnswer(key, digest, header);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                try {
                    return processNew(text, header, key, digest);
                } catch (RuntimeException failure) {
                    if (!(failure instanceof ConflictingWrite) && !ConcurrentChange.in(failure)) {
                        throw failure;
                    }
                    if (attempt == MAX_ATTEMPTS) {
                        log.warn("HL7 message {} from {}/{} met concurrent changes {} times; refused for a retry",
                                key.controlId(), key.sendingApplication(), key.sendingFacility(), attempt);
                        return acks.build(header, AcknowledgementCode.AR, List.of(new Hl7Error(
                                Hl7ErrorCode.APPLICATION_RECORD_LOCKED, null, null,
                                "records it changes were being changed at the same time; send it again")));
                    }
                }
            }
        } finally {
            lock.unlock();
            inFlight.remove(key, lock);
        }
    }

    /**
     * A batch (FHS/BHS ... BTS/FTS) in one frame: each message is processed on its own, exactly as if
     * it had come in a frame of its own, and the answer is a batch of their acknowledgements in order.
     */
    private String processBatch(String text, String peer) {
        List<String> messages = MessageText.batchMessages(text);
        StringBuilder answer = new StringBuilder(acks.batchHeader(MessageHeader.read(
                messages.isEmpty() ? "" : messages.get(0)).orElse(null)));
        for (String message : messages) {
            answer.append(process(message, false, peer));
        }
        return answer.append("BTS|").append(messages.size()).append("\rFTS|1\r").toString();
    }

    /**
     * A control id seen before: the same content is a re-delivery and gets its first answer again;
     * other content under a used control id (a sender whose counter was reset) is refused, never
     * answered with the acknowledgement of a different message.
     */
    private Optional<String> earlierAnswer(MessageKey key, String digest, MessageHeader header) {
        Optional<ProcessedMessages.Processed> earlier = processed.find(key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        String firstDigest = earlier.get().contentDigest();
        if (firstDigest == null || firstDigest.equals(digest)) {
            log.info("HL7 message {} from {}/{} was processed before: answering its acknowledgement again",
                    key.controlId(), key.sendingApplication(), key.sendingFacility());
            return Optional.of(earlier.get().acknowledgement());
        }
        log.warn("HL7 control id {} from {}/{} was used before for a message with other content: refused",
                key.controlId(), key.sendingApplication(), key.sendingFacility());
        reusedControlIds.reused(key);
        return Optional.of(acks.build(header, AcknowledgementCode.AE, List.of(Hl7Error.at(
                ErrorLocation.field("MSH", 10), Hl7ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                "message control id " + key.controlId() + " was used before by " + key.sendingApplication() + "/"
                        + key.sendingFacility() + " for a message with other content; nothing of this message"
                        + " was kept: send it with a new control id"))));
    }

    private String processNew(String text, MessageHeader header, MessageKey key, String digest) {
        List<MappedCommand> mapped;
        try {
            if (!SupportedMessages.isSupportedType(header.messageType())
                    || !SupportedMessages.isSupported(header.messageType(), header.triggerEvent())
                    || SupportedMessages.changesNothing(header.messageType(), header.triggerEvent())) {
                // answer without asking HAPI to parse structures we never read
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
        return transactions.inOneTransaction(() -> {
            for (MappedCommand command : mapped) {
                Optional<Hl7Error> error = send(command, audit);
                if (error.isPresent()) {
                    AcknowledgementCode code = error.get().code() == Hl7ErrorCode.APPLICATION_INTERNAL_ERROR
                            && error.get().applicationCode() == null ? AcknowledgementCode.AR : AcknowledgementCode.AE;
                    return new MessageTransactions.Outcome(acks.build(header, code, List.of(error.get())), false);
                }
            }
            String ack = acks.build(header, AcknowledgementCode.AA, List.of());
            if (!processed.record(key, digest, ack)) {
                throw new ConflictingWrite();
            }
            return new MessageTransactions.Outcome(ack, true);
        }).acknowledgement();
    }

    /** Sends one command and waits for it; the error to acknowledge, if any. */
    private Optional<Hl7Error> send(MappedCommand command, Map<String, String> audit) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command.command()).andMetaData(audit));
            return Optional.empty();
        } catch (RuntimeException failure) {
            if (ConcurrentChange.in(failure)) {
                throw new ConflictingWrite();
            }
            return Optional.of(CommandErrors.toHl7Error(command, failure));
        }
    }

    /** Another transaction changed what this message changes: the whole message is rolled back and run again. */
    private static final class ConflictingWrite extends RuntimeException {
        ConflictingWrite() {
            super(null, null, false, false);
        }
    }

    private String reject(MessageHeader header, Hl7Error error) {
        return acks.build(header, AcknowledgementCode.AR, List.of(error));
    }
}
