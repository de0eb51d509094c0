package org.rispacs.dicom.data.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Minimal stand-in for the Specific Character Set (0008,0005): single-byte ASCII, Latin-1 and UTF-8 only.
 * The full implementation (ISO 2022 code extensions and the rest) replaces this class at merge; keep the
 * public API identical.
 */
public final class SpecificCharacterSet {
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.US_ASCII);

    private final Charset charset;
    private final String[] definedTerms;

    private SpecificCharacterSet(Charset charset, String... definedTerms) {
        this.charset = charset;
        this.definedTerms = definedTerms.clone();
    }

    /** The character set named by the values of (0008,0005); unknown terms fall back to ISO-8859-1. */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms == null || definedTerms.length == 0) {
            return DEFAULT;
        }
        String first = definedTerms[0] == null ? "" : definedTerms[0].trim();
        if (definedTerms.length == 1 && (first.isEmpty() || first.equals("ISO_IR 6"))) {
            return DEFAULT;
        }
        Charset charset = switch (first) {
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            default -> StandardCharsets.ISO_8859_1;
        };
        return new SpecificCharacterSet(charset, definedTerms);
    }

    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        return new String(bytes, offset, length, charset);
    }

    public byte[] encode(String value, boolean personName) {
        return value.getBytes(charset);
    }

    public String[] definedTerms() {
        return definedTerms.clone();
    }
}
