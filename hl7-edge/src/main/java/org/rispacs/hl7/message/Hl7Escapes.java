package org.rispacs.hl7.message;

import java.nio.charset.Charset;
import java.util.HexFormat;

/**
 * HL7 escape sequences both ways: written for the encoding characters of the messages we send, and
 * read where HAPI leaves them in a value it parsed. HAPI's pipe parser turns the delimiter escapes
 * (\F\ \S\ \T\ \R\ \E\) into their characters but keeps highlighting (\H\ \N\), formatting
 * (\.br\ and the like), hexadecimal (\X..\), character set (\C..\ \M..\) and local (\Z..\)
 * sequences as written; stored as they are, they would end up in names and codes.
 *
 * <p>HAPI has by then turned \E\ into a plain escape character, so a literal text such as "\H\"
 * sent as "\E\H\E\" cannot be told apart from the sequence and is decoded too.
 */
public final class Hl7Escapes {

    private Hl7Escapes() {
    }

    /** The value with our encoding characters (| ^ ~ \ &) escaped and line breaks made spaces; null is empty. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\E\\");
                case '|' -> escaped.append("\\F\\");
                case '^' -> escaped.append("\\S\\");
                case '&' -> escaped.append("\\T\\");
                case '~' -> escaped.append("\\R\\");
                case '\r', '\n' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * The value with highlighting and character set switches removed, each formatting command made
     * a single space and hexadecimal data decoded in the given character set (ISO 8859-1 when the
     * bytes are not valid in it). What does not read as a sequence is kept as written.
     */
    static String decode(String value, char escape, Charset charset) {
        if (value.indexOf(escape) < 0) {
            return value;
        }
        StringBuilder decoded = new StringBuilder(value.length());
        int at = 0;
        while (at < value.length()) {
            char c = value.charAt(at);
            int end = c == escape ? value.indexOf(escape, at + 1) : -1;
            String replacement = end < 0 ? null : sequence(value.substring(at + 1, end), charset);
            if (replacement == null) {
                decoded.append(c);
                at++;
            } else {
                decoded.append(replacement);
                at = end + 1;
            }
        }
        return decoded.toString();
    }

    private static String sequence(String body, Charset charset) {
        if (body.equals("H") || body.equals("N")) {
            return "";
        }
        if (body.startsWith(".") && body.length() > 1) {
            return " ";
        }
        if (body.startsWith("X") && isHex(body.substring(1))) {
            return Hl7Charsets.decode(HexFormat.of().parseHex(body.substring(1)), charset);
        }
        if (body.startsWith("C") && body.length() == 5 && isHex(body.substring(1))
                || body.startsWith("M") && (body.length() == 5 || body.length() == 7) && isHex(body.substring(1))
                || body.startsWith("Z") && body.length() > 1) {
            return "";
        }
        return null;
    }

    private static boolean isHex(String digits) {
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!HexFormat.isHexDigit(digits.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
