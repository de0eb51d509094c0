package org.rispacs.dicom.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The parameters of a multipart/related content type (RFC 2387) as PS3.18 8.6 uses it: the boundary that
 * frames the parts and the type of the root part.
 */
public final class MultipartRelated {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * RFC 2046 allows 70 characters, but real senders exceed it (Orthanc's STOW-RS client sends 73):
     * longer ones are taken, up to a bound that keeps the boundary search cheap.
     */
    static final int MAX_BOUNDARY_LENGTH = 256;

    private MultipartRelated() {
    }

    /** The boundary parameter, quoted or not; IllegalArgumentException when absent, empty or too long. */
    public static String boundaryOf(String contentType) {
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("no boundary parameter in the content type: " + contentType);
        }
        if (boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new IllegalArgumentException("a boundary of more than " + MAX_BOUNDARY_LENGTH + " characters: "
                    + boundary);
        }
        return boundary;
    }

    /** The type parameter, unquoted, or null when absent. */
    public static String typeOf(String contentType) {
        return parameter(contentType, "type");
    }

    /** A random boundary that needs no quotes and is very unlikely to occur in any part. */
    public static String newBoundary() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "rispacs-" + HexFormat.of().formatHex(random);
    }

    /** The value of a parameter of a content type (RFC 9110 8.3.1), quoted-string escapes undone. */
    private static String parameter(String contentType, String wanted) {
        if (contentType == null) {
            return null;
        }
        int position = contentType.indexOf(';');
        while (position >= 0 && position < contentType.length()) {
            position++;
            int equals = contentType.indexOf('=', position);
            int semicolon = contentType.indexOf(';', position);
            if (equals < 0 || semicolon >= 0 && semicolon < equals) {
                // a parameter without a value: none we look for
                position = semicolon;
                continue;
            }
            String name = contentType.substring(position, equals).strip().toLowerCase(Locale.ROOT);
            position = skipSpaces(contentType, equals + 1);
            String value;
            if (position < contentType.length() && contentType.charAt(position) == '"') {
                StringBuilder unquoted = new StringBuilder();
                position++;
                while (position < contentType.length() && contentType.charAt(position) != '"') {
                    char next = contentType.charAt(position);
                    if (next == '\\' && position + 1 < contentType.length()) {
                        position++;
                        next = contentType.charAt(position);
                    }
                    unquoted.append(next);
                    position++;
                }
                if (position >= contentType.length()) {
                    throw new IllegalArgumentException("unterminated quoted parameter in " + contentType);
                }
                value = unquoted.toString();
                position = contentType.indexOf(';', position);
            } else {
                int end = contentType.indexOf(';', position);
                value = contentType.substring(position, end < 0 ? contentType.length() : end).strip();
                position = end;
            }
            if (name.equals(wanted)) {
                return value;
            }
        }
        return null;
    }

    private static int skipSpaces(String text, int position) {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
        return position;
    }
}
