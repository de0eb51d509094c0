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

    /**
     * The Java charset for an MSH-18 value (HL7 table 0211), empty when we do not support it. Blank
     * means "not stated". Only character sets in which MSH itself is plain ASCII bytes can be read,
     * which rules out UTF-16 and UTF-32.
     */
    public static Optional<Charset> forMsh18(String value, Charset whenAbsent) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (name.matches("8859/[1-9]")) {
            return Optional.of(Charset.forName("ISO-8859-" + name.substring(5)));
        }
        String java = switch (name) {
            case "" -> whenAbsent.name();
            case "ASCII" -> "US-ASCII";
            case "8859/15" -> "ISO-8859-15";
            case "UNICODE UTF-8", "UTF-8" -> "UTF-8";
            case "ISO IR14" -> "JIS_X0201";
            case "ISO IR87" -> "ISO-2022-JP";
            case "GB 18030-2000" -> "GB18030";
            case "KS X 1001" -> "EUC-KR";
            case "CNS 11643-1992" -> "x-EUC-TW";
            case "BIG-5" -> "Big5";
            default -> null;
        };
        return java == null || !Charset.isSupported(java) ? Optional.empty() : Optional.of(Charset.forName(java));
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
