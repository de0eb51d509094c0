package org.rispacs.dicom.data.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The character repertoires named by Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2) and the text
 * encoding they imply (PS3.5 6.1): the single-byte ISO 8859 family, JIS X 0201, TIS 620, UTF-8, GB18030,
 * GBK, and the ISO 2022 code extensions with the Japanese, Korean and Chinese multi-byte sets.
 *
 * <p>Decoding is lenient and never fails on content: unknown defined terms are read as ISO 8859-1, and
 * bytes no set can map become U+FFFD. Encoding is strict: a character the set cannot hold raises
 * {@link IllegalArgumentException}; {@link #forText} picks a set that can hold given texts.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecificCharacterSet {

    private static final String EXTENSION_PREFIX = "ISO2022IR";
    private static final String PLAIN_PREFIX = "ISOIR";

    private static final Map<String, Repertoire> REPERTOIRES = Map.ofEntries(
            Map.entry("6", new Repertoire(GraphicSet.ASCII, null)),
            Map.entry("100", new Repertoire(GraphicSet.ASCII, GraphicSet.LATIN_1)),
            Map.entry("101", new Repertoire(GraphicSet.ASCII, GraphicSet.LATIN_2)),
            Map.entry("109", new Repertoire(GraphicSet.ASCII, GraphicSet.LATIN_3)),
            Map.entry("110", new Repertoire(GraphicSet.ASCII, GraphicSet.LATIN_4)),
            Map.entry("144", new Repertoire(GraphicSet.ASCII, GraphicSet.CYRILLIC)),
            Map.entry("127", new Repertoire(GraphicSet.ASCII, GraphicSet.ARABIC)),
            Map.entry("126", new Repertoire(GraphicSet.ASCII, GraphicSet.GREEK)),
            Map.entry("138", new Repertoire(GraphicSet.ASCII, GraphicSet.HEBREW)),
            Map.entry("148", new Repertoire(GraphicSet.ASCII, GraphicSet.LATIN_5)),
            Map.entry("166", new Repertoire(GraphicSet.ASCII, GraphicSet.THAI)),
            Map.entry("13", new Repertoire(GraphicSet.JIS_X0201_ROMAJI, GraphicSet.JIS_X0201_KATAKANA)),
            Map.entry("87", new Repertoire(GraphicSet.JIS_X0208, null)),
            Map.entry("159", new Repertoire(GraphicSet.JIS_X0212, null)),
            Map.entry("149", new Repertoire(null, GraphicSet.KS_X1001)),
            Map.entry("58", new Repertoire(null, GraphicSet.GB_2312)));

    private static final Repertoire UNKNOWN = new Repertoire(GraphicSet.ASCII, GraphicSet.LATIN_1);

    private static final Map<String, Charset> WITHOUT_CODE_EXTENSIONS = Map.of(
            "ISO_IR 192", StandardCharsets.UTF_8,
            "GB18030", Charset.forName("GB18030"),
            "GBK", Charset.forName("GBK"));

    /** The default repertoire, ISO-IR 6 (ASCII); {@link #definedTerms()} is empty, (0008,0005) is not needed. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0],
            new Iso2022Codec(GraphicSet.ASCII, null, GraphicSet.LATIN_1, List.of(GraphicSet.ASCII), false));

    private static final SpecificCharacterSet LATIN_1 = of("ISO_IR 100");
    private static final SpecificCharacterSet UTF_8 = of("ISO_IR 192");

    private final String[] definedTerms;
    private final TextCodec codec;

    private SpecificCharacterSet(String[] definedTerms, TextCodec codec) {
        this.definedTerms = definedTerms;
        this.codec = codec;
    }

    /**
     * The character set named by the values of (0008,0005) as read. No value, or a single empty or
     * ISO_IR 6 value, is the default repertoire. Defined terms are matched ignoring case, spaces,
     * underscores and hyphens; an empty value 1 with further values means ISO 2022 IR 6.
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        List<String> values = normalizedValues(definedTerms);
        if (values.isEmpty()) {
            return DEFAULT;
        }
        String first = values.get(0);
        if (values.size() == 1 && (first.isEmpty() || "6".equals(irNumber(first)))) {
            return DEFAULT;
        }
        String[] terms = values.stream().map(SpecificCharacterSet::canonicalTerm).toArray(String[]::new);
        Charset wholeCharset = WITHOUT_CODE_EXTENSIONS.get(terms[0]);
        if (wholeCharset != null) {
            return new SpecificCharacterSet(terms, new JdkCharsetCodec(wholeCharset));
        }
        return new SpecificCharacterSet(terms, iso2022Codec(values));
    }

    /**
     * The smallest set able to encode all {@code texts} (nulls are ignored): {@link #DEFAULT} for ASCII,
     * ISO_IR 100 when Latin-1 suffices, otherwise ISO_IR 192 (UTF-8).
     */
    public static SpecificCharacterSet forText(String... texts) {
        char highest = 0;
        for (String text : texts) {
            if (text != null) {
                for (int i = 0; i < text.length(); i++) {
                    highest = (char) Math.max(highest, text.charAt(i));
                }
            }
        }
        if (highest < 0x80) {
            return DEFAULT;
        }
        return highest < 0x100 ? LATIN_1 : UTF_8;
    }

    /** Decodes {@code length} bytes at {@code offset}; never fails on their content. */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return codec.decode(bytes, offset, length, personName);
    }

    /**
     * Encodes {@code value}, with the escape sequences code extensions need.
     *
     * @throws IllegalArgumentException if a character of {@code value} is not in this set's repertoires
     */
    public byte[] encode(String value, boolean personName) {
        return codec.encode(Objects.requireNonNull(value, "value"), personName);
    }

    /** The values to write in (0008,0005); empty for the default repertoire. */
    public String[] definedTerms() {
        return definedTerms.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpecificCharacterSet that && Arrays.equals(definedTerms, that.definedTerms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(definedTerms);
    }

    @Override
    public String toString() {
        return definedTerms.length == 0 ? "ISO_IR 6" : String.join("\\", definedTerms);
    }

    private static List<String> normalizedValues(String[] definedTerms) {
        List<String> values = new ArrayList<>();
        if (definedTerms == null) {
            return values;
        }
        for (int i = 0; i < definedTerms.length; i++) {
            String value = definedTerms[i] == null ? "" : definedTerms[i].trim();
            // Only value 1 may be empty; anywhere else an empty value carries nothing.
            if (i == 0 || !value.isEmpty()) {
                values.add(value);
            }
        }
        if (values.size() == 1 && values.get(0).isEmpty()) {
            values.clear();
        }
        return values;
    }

    private static Iso2022Codec iso2022Codec(List<String> values) {
        Repertoire initial = repertoire(values.get(0));
        List<Repertoire> extensions = new ArrayList<>();
        if (initial.g0() == null || initial.g0().isDoubleByte()) {
            // A multi-byte set may not be value 1 (PS3.3 C.12.1.1.2): read it as the extension it must be.
            extensions.add(initial);
            initial = REPERTOIRES.get("6");
        }
        for (String value : values.subList(1, values.size())) {
            Repertoire extension = repertoire(value);
            if (extension != UNKNOWN) {
                extensions.add(extension);
            }
        }
        List<GraphicSet> encodable = new ArrayList<>();
        addIfAbsent(encodable, initial.g0());
        addIfAbsent(encodable, initial.g1());
        GraphicSet fallbackG1 = null;
        for (Repertoire extension : extensions) {
            addIfAbsent(encodable, extension.g0());
            addIfAbsent(encodable, extension.g1());
            if (fallbackG1 == null) {
                fallbackG1 = extension.g1();
            }
        }
        boolean codeExtensions = values.size() > 1 || values.get(0).toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "").startsWith(EXTENSION_PREFIX);
        return new Iso2022Codec(initial.g0(), initial.g1(), fallbackG1 == null ? GraphicSet.LATIN_1 : fallbackG1,
                List.copyOf(encodable), codeExtensions);
    }

    private static void addIfAbsent(List<GraphicSet> sets, GraphicSet set) {
        if (set != null && !sets.contains(set)) {
            sets.add(set);
        }
    }

    private static Repertoire repertoire(String value) {
        if (value.isEmpty()) {
            return REPERTOIRES.get("6");
        }
        String number = irNumber(value);
        return number == null ? UNKNOWN : REPERTOIRES.getOrDefault(number, UNKNOWN);
    }

    /** "100" for ISO_IR 100 or ISO 2022 IR 100, however spaced; null if the term is not of that form. */
    private static String irNumber(String value) {
        String compact = value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (compact.startsWith(EXTENSION_PREFIX)) {
            return compact.substring(EXTENSION_PREFIX.length());
        }
        if (compact.startsWith(PLAIN_PREFIX)) {
            return compact.substring(PLAIN_PREFIX.length());
        }
        return null;
    }

    private static String canonicalTerm(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String compact = value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if ("GB18030".equals(compact) || "GBK".equals(compact)) {
            return compact;
        }
        String number = irNumber(value);
        if ("192".equals(number)) {
            return "ISO_IR 192";
        }
        Repertoire known = number == null ? null : REPERTOIRES.get(number);
        if (known == null) {
            return value;
        }
        boolean multiByte = known.g0() == null || known.g0().isDoubleByte();
        return compact.startsWith(EXTENSION_PREFIX) || multiByte ? "ISO 2022 IR " + number : "ISO_IR " + number;
    }

    /** What one defined term designates: its G0 set and its G1 set, either possibly absent. */
    private record Repertoire(GraphicSet g0, GraphicSet g1) {
    }
}
