package org.rispacs.hl7.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks on a payload's text before it is read as one message. Some senders put a byte order mark
 * or a blank line before the header; that is noise, not a reason to refuse the message. A frame
 * holding several messages without a batch header is another sender error, and is found by counting
 * the MSH segments.
 */
public final class MessageText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Set<String> BATCH_SEGMENTS = Set.of("FHS", "BHS", "BTS", "FTS");

    private MessageText() {
    }

    /**
     * The text without a byte order mark and whitespace (CR, LF, space, tab) before its MSH, FHS or
     * BHS segment; the text unchanged when no such segment follows them.
     */
    public static String stripLeadingNoise(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        while (start < text.length() && isNoise(text.charAt(start))) {
            start++;
        }
        if (start == 0) {
            return text;
        }
        return startsWithHeader(text, start) ? text.substring(start) : text;
    }

    /**
     * How many segments are MSH segments: those starting with "MSH" and the field separator of the
     * first one. Segments end at CR, LF or CR LF.
     */
    public static int countMessageHeaders(String text) {
        String stripped = stripLeadingNoise(text);
        if (stripped == null) {
            return 0;
        }
        String header = null;
        int count = 0;
        for (String segment : stripped.split("\r\n|\r|\n")) {
            if (header == null && segment.length() > 3 && segment.startsWith("MSH")
                    && isSeparator(segment.charAt(3))) {
                header = segment.substring(0, 4);
            }
            if (header != null && segment.startsWith(header)) {
                count++;
            }
        }
        return count;
    }

    /** Whether the text, after its leading noise, starts with a file or batch header. */
    public static boolean isBatch(String text) {
        String stripped = stripLeadingNoise(text);
        return stripped != null && (stripped.startsWith("FHS") || stripped.startsWith("BHS"));
    }

    /**
     * The messages of a batch (FHS, BHS, messages, BTS, FTS), each from its MSH to the next MSH or
     * batch trailer, with CR as segment separator. Header and trailer segments are not part of any
     * message.
     */
    public static List<String> batchMessages(String text) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = null;
        for (String segment : stripLeadingNoise(text).split("\r\n|\r|\n")) {
            String name = segment.length() >= 3 ? segment.substring(0, 3) : segment;
            if (name.equals("MSH")) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = new StringBuilder();
            } else if (BATCH_SEGMENTS.contains(name)) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = null;
                continue;
            }
            if (current != null && !segment.isEmpty()) {
                current.append(segment).append('\r');
            }
        }
        if (current != null) {
            messages.add(current.toString());
        }
        return messages;
    }

    private static boolean isNoise(char c) {
        return c == BYTE_ORDER_MARK || c == '\r' || c == '\n' || c == ' ' || c == '\t';
    }

    private static boolean startsWithHeader(String text, int at) {
        return text.startsWith("MSH", at) || text.startsWith("FHS", at) || text.startsWith("BHS", at);
    }

    private static boolean isSeparator(char c) {
        return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
    }
}
