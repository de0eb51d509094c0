package org.rispacs.api.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Person names as DICOM writes them, and the one normalisation used to match them. */
public final class PersonNames {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern TRAILING_EMPTY_COMPONENTS = Pattern.compile("\\^+$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\^=\\\\]");

    private PersonNames() {
    }

    /**
     * {@code family^given^middle^prefix^suffix} with trailing empty components dropped. A DICOM PN
     * has no escapes: a component holding a separator of its own ({@code ^}, {@code =}) or a value
     * separator ({@code \}) gets a space in its place, so that it cannot split into other components
     * or values.
     */
    public static String toDicom(PersonName name) {
        if (name == null) {
            return null;
        }
        String joined = String.join("^", blank(name.family()), blank(name.given()), blank(name.middle()),
                blank(name.prefix()), blank(name.suffix()));
        return TRAILING_EMPTY_COMPONENTS.matcher(joined).replaceAll("");
    }

    /**
     * Upper case without accents, so that "Müller", "MULLER" and "muller" compare equal; scripts
     * without case (CJK, Hangul) are left as they are.
     */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
        return Normalizer.normalize(COMBINING_MARKS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC)
                .toUpperCase(Locale.ROOT);
    }

    private static String blank(String value) {
        return value == null ? "" : SEPARATORS.matcher(value.strip()).replaceAll(" ");
    }
}
