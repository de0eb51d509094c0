package org.rispacs.api.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one normalisation of accession numbers, applied to the order side (HL7, REST) and to the
 * study side (DICOM (0008,0050)) alike, so that the two always compare equal.
 *
 * <p>An accession number is a DICOM SH value: at most 16 characters, no backslash, no control
 * characters. Leading and trailing spaces (DICOM pads SH values with spaces) are insignificant,
 * and case is folded so that "acc1" typed by a technologist matches the RIS's "ACC1". Unicode
 * compatibility forms are folded too (NFKC): a console whose input method types full-width
 * letters and digits ("ＡＣＣ１"), or a sender that decomposes accented letters, still names the
 * same accession; the character set a value travelled in (HL7 MSH-18, DICOM Specific Character
 * Set) is already undone when it reaches here.
 */
public final class AccessionNumbers {

    public static final int MAX_LENGTH = 16;

    private AccessionNumbers() {
    }

    /**
     * The normalised form, or empty when the value is absent or blank.
     *
     * @throws IllegalArgumentException when the value cannot be an accession number
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "accession number '" + value + "' is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(
                        "accession number '" + value + "' contains a character not allowed in DICOM SH");
            }
        }
        return Optional.of(value);
    }
}
