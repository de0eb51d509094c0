package org.rispacs.hl7.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a message says, as a SHA-256 over its text with MSH-7 (the time it was sent) left out and
 * segment separators made uniform: a sender re-sending the same message after a lost ACK often
 * stamps it anew, and that must still count as the same message.
 */
public final class ContentDigest {

    private ContentDigest() {
    }

    public static String of(String message) {
        String[] segments = message.replace("\r\n", "\r").replace('\n', '\r').split("\r");
        StringBuilder canonical = new StringBuilder(message.length());
        for (String segment : segments) {
            String kept = segment.stripTrailing();
            if (kept.isEmpty()) {
                continue;
            }
            canonical.append(kept.startsWith("MSH") ? withoutSendingTime(kept) : kept).append('\r');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    /** The separator at index 3 is MSH-1 and opens MSH-2; the fifth after it opens MSH-7. */
    private static String withoutSendingTime(String msh) {
        if (msh.length() < 4) {
            return msh;
        }
        char separator = msh.charAt(3);
        int start = 3;
        for (int separators = 0; separators < 5; separators++) {
            start = msh.indexOf(separator, start + 1);
            if (start < 0) {
                return msh;
            }
        }
        int end = msh.indexOf(separator, start + 1);
        return msh.substring(0, start + 1) + (end < 0 ? "" : msh.substring(end));
    }
}
