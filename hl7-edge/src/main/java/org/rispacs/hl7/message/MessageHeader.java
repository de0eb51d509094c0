package org.rispacs.hl7.message;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of MSH an acknowledgement and the duplicate check need, read from the message text
 * itself, so that even a message HAPI cannot parse can be answered. Each value is the field's
 * first component, unescaped of nothing (identifiers contain no escape sequences in practice).
 */
public record MessageHeader(
        String sendingApplication,
        String sendingFacility,
        String receivingApplication,
        String receivingFacility,
        String messageType,
        String triggerEvent,
        String controlId,
        String processingId,
        String version,
        String characterSet) {

    /**
     * The header, or empty when the text does not start with a readable MSH segment. A byte order
     * mark and blank space before MSH are skipped (see {@link MessageText#stripLeadingNoise}).
     */
    public static Optional<MessageHeader> read(String text) {
        String message = MessageText.stripLeadingNoise(text);
        if (message == null || message.length() < 8 || !message.startsWith("MSH")) {
            return Optional.empty();
        }
        char fieldSeparator = message.charAt(3);
        char componentSeparator = message.charAt(4);
        if (Character.isLetterOrDigit(fieldSeparator) || fieldSeparator == '\r' || fieldSeparator == '\n') {
            return Optional.empty();
        }
        int end = segmentEnd(message);
        String[] fields = message.substring(0, end).split(Pattern.quote(String.valueOf(fieldSeparator)),
                -1);
        // fields[0] is "MSH" and fields[1] MSH-2, because MSH-1 is the separator itself
        return Optional.of(new MessageHeader(
                component(fields, 3, 1, componentSeparator), component(fields, 4, 1, componentSeparator),
                component(fields, 5, 1, componentSeparator), component(fields, 6, 1, componentSeparator),
                component(fields, 9, 1, componentSeparator), component(fields, 9, 2, componentSeparator),
                field(fields, 10), component(fields, 11, 1, componentSeparator),
                component(fields, 12, 1, componentSeparator), firstRepetition(field(fields, 18), message)));
    }

    private static int segmentEnd(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return message.length();
    }

    private static String field(String[] fields, int sequence) {
        return sequence - 1 < fields.length ? fields[sequence - 1].strip() : "";
    }

    private static String component(String[] fields, int sequence, int component, char separator) {
        String[] components = field(fields, sequence).split(Pattern.quote(String.valueOf(separator)),
                -1);
        return component - 1 < components.length ? components[component - 1].strip() : "";
    }

    private static String firstRepetition(String value, String message) {
        char repetitionSeparator = message.length() > 5 ? message.charAt(5) : '~';
        int at = value.indexOf(repetitionSeparator);
        return at < 0 ? value : value.substring(0, at).strip();
    }
}
