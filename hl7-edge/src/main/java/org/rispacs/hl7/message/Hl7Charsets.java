package org.rispacs.hl7.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * HL7 character sets (MSH-18, table 0211) on the wire. The header is read from the bytes first:
 * MSH is plain ASCII in every supported character set, so its separators and MSH-18 can be found
 * before the payload is decoded.
 */
public final class Hl7Charsets {

    private Hl7Charsets() {
    }

    /** The Java charset for an MSH-18 value, empty when we do not support it. Blank means "not stated". */
    public static Optional<Charset> forMsh18(String value, Charset whenAbsent) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "" -> Optional.of(whenAbsent);
            case "ASCII" -> Optional.of(StandardCharsets.US_ASCII);
            case "8859/1" -> Optional.of(StandardCharsets.ISO_8859_1);
            case "8859/15" -> Optional.of(Charset.forName("ISO-8859-15"));
            case "UNICODE UTF-8", "UTF-8" -> Optional.of(StandardCharsets.UTF_8);
            default -> Optional.empty();
        };
    }

    /** MSH-18 as written in the raw bytes (first repetition), or "" when absent or unreadable. */
    public static String msh18(byte[] payload) {
        return MessageHeader.read(new String(payload, 0, headerLength(payload), StandardCharsets.ISO_8859_1))
                .map(MessageHeader::characterSet).orElse("");
    }

    private static int headerLength(byte[] payload) {
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\r' || payload[i] == '\n') {
                return i;
            }
        }
        return payload.length;
    }

    /**
     * Decodes the payload. ASCII and UTF-8 are decoded strictly; bytes that are not valid in the
     * stated (or assumed) character set fall back to ISO 8859-1, which can represent any byte, so
     * that a mislabelled message is still read rather than rejected.
     */
    public static String decode(byte[] payload, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException mislabelled) {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }
}
