package org.rispacs.hl7.ack;

import static org.rispacs.hl7.message.Hl7Escapes.escape;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.rispacs.hl7.message.MessageHeader;

/**
 * Writes original-mode acknowledgements: MSH addressed back to the sender (MSH-5/6 are its
 * MSH-3/4), MSA echoing its MSH-10, and one ERR per error. Versions before 2.5 get the error in
 * ERR-1 and MSA-3, as they define it; 2.5 and later in ERR-2, ERR-3, ERR-4, ERR-5 and ERR-8.
 */
public final class AckBuilder {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");
    private static final Set<String> VERSIONS_WITH_ERR_1_ONLY = Set.of("2.1", "2.2", "2.3", "2.3.1", "2.4");
    private static final String DEFAULT_VERSION = "2.5.1";

    private final String application;
    private final String facility;
    private final Clock clock;
    private final String controlIdPrefix;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param application our MSH-3 in acknowledgements
     * @param facility    our MSH-4 in acknowledgements
     */
    public AckBuilder(String application, String facility, Clock clock) {
        this.application = application;
        this.facility = facility;
        this.clock = clock;
        this.controlIdPrefix = Long.toString(clock.millis(), 36).toUpperCase(Locale.ROOT);
    }

    /** An acknowledgement of the message with this header; null header for a message whose MSH is unreadable. */
    public String build(MessageHeader header, AcknowledgementCode code, List<Hl7Error> errors) {
        MessageHeader to = header != null ? header
                : new MessageHeader("", "", "", "", "", "", "", "P", DEFAULT_VERSION, "");
        String version = to.version().isEmpty() ? DEFAULT_VERSION : to.version();
        boolean oldErrorSegment = VERSIONS_WITH_ERR_1_ONLY.contains(version);
        StringBuilder ack = new StringBuilder();
        ack.append("MSH|^~\\&|").append(escape(application)).append('|').append(escape(facility)).append('|')
                .append(escape(to.sendingApplication())).append('|').append(escape(to.sendingFacility())).append('|')
                .append(ZonedDateTime.now(clock).format(TIMESTAMP)).append("||ACK");
        if (!to.triggerEvent().isEmpty()) {
            ack.append('^').append(escape(to.triggerEvent())).append(oldErrorSegment ? "" : "^ACK");
        }
        ack.append('|').append(nextControlId()).append('|')
                .append(to.processingId().isEmpty() ? "P" : escape(to.processingId())).append('|')
                .append(escape(version));
        if (!to.characterSet().isEmpty()) {
            ack.append("||||||").append(escape(to.characterSet()));
        }
        ack.append('\r');
        ack.append("MSA|").append(code.name()).append('|').append(escape(to.controlId()));
        if (oldErrorSegment && !errors.isEmpty()) {
            ack.append('|').append(escape(errors.get(0).userMessage()));
        }
        ack.append('\r');
        for (Hl7Error error : errors) {
            ack.append(oldErrorSegment ? oldErrorSegment(error) : errorSegment(error)).append('\r');
        }
        return ack.toString();
    }

    /** FHS and BHS opening the batch of acknowledgements answering a batch. */
    public String batchHeader(MessageHeader firstMessage) {
        String receiver = firstMessage == null ? "|" : escape(firstMessage.sendingApplication()) + '|'
                + escape(firstMessage.sendingFacility());
        String sent = ZonedDateTime.now(clock).format(TIMESTAMP);
        String sender = escape(application) + '|' + escape(facility);
        return "FHS|^~\\&|" + sender + '|' + receiver + '|' + sent + "\r"
                + "BHS|^~\\&|" + sender + '|' + receiver + '|' + sent + "\r";
    }

    private String nextControlId() {
        return controlIdPrefix + sequence.incrementAndGet();
    }

    /** ERR-1 (ELD): segment^sequence^field^code&text&HL70357. */
    private static String oldErrorSegment(Hl7Error error) {
        ErrorLocation at = error.location();
        String where = at == null ? "^^" : escape(at.segment()) + '^' + at.segmentRepetition() + '^' + at.field();
        return "ERR|" + where + '^' + error.code().code() + '&' + escape(error.code().text()) + "&HL70357";
    }

    private static String errorSegment(Hl7Error error) {
        ErrorLocation at = error.location();
        String location = at == null ? ""
                : escape(at.segment()) + '^' + at.segmentRepetition() + '^' + at.field()
                        + (at.component() > 0 ? "^1^" + at.component() : "");
        return "ERR||" + location + '|' + error.code().code() + '^' + escape(error.code().text()) + "^HL70357|E|"
                + (error.applicationCode() == null ? "" : escape(error.applicationCode())) + "|||"
                + escape(error.userMessage());
    }
}
