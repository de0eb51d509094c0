package org.rispacs.dicom.data.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ISO 2022 graphic character set as DICOM uses it: where it is designated (G0 or G1), the
 * escape sequence that designates it, and its code table. G0 sets occupy GL (bytes 0x21-0x7E),
 * G1 sets occupy GR (0xA0-0xFF). Tables are derived once, lazily, from the JDK's charsets.
 */
final class GraphicSet {

    static final int ESC = 0x1B;
    static final char REPLACEMENT = '\uFFFD';

    /*
     * JIS X 0201 Romaji differs from ASCII only at 0x5C (Yen sign) and 0x7E (overline). PS3.5 6.1.2.3
     * makes the single byte 0x5C the value delimiter whatever its glyph, so both are read as ASCII,
     * as the JDK's JIS_X0201 charset also does.
     */
    static final GraphicSet ASCII = ascii("ISO-IR 6", '(', 'B');
    static final GraphicSet JIS_X0201_ROMAJI = ascii("ISO-IR 14", '(', 'J');
    static final GraphicSet JIS_X0201_KATAKANA = upperHalf("ISO-IR 13", "JIS_X0201", ')', 'I');
    static final GraphicSet LATIN_1 = upperHalf("ISO-IR 100", "ISO-8859-1", '-', 'A');
    static final GraphicSet LATIN_2 = upperHalf("ISO-IR 101", "ISO-8859-2", '-', 'B');
    static final GraphicSet LATIN_3 = upperHalf("ISO-IR 109", "ISO-8859-3", '-', 'C');
    static final GraphicSet LATIN_4 = upperHalf("ISO-IR 110", "ISO-8859-4", '-', 'D');
    static final GraphicSet CYRILLIC = upperHalf("ISO-IR 144", "ISO-8859-5", '-', 'L');
    static final GraphicSet ARABIC = upperHalf("ISO-IR 127", "ISO-8859-6", '-', 'G');
    static final GraphicSet GREEK = upperHalf("ISO-IR 126", "ISO-8859-7", '-', 'F');
    static final GraphicSet HEBREW = upperHalf("ISO-IR 138", "ISO-8859-8", '-', 'H');
    static final GraphicSet LATIN_5 = upperHalf("ISO-IR 148", "ISO-8859-9", '-', 'M');
    static final GraphicSet THAI = upperHalf("ISO-IR 166", "TIS-620", '-', 'T');
    // The 94x94 sets are read through the EUC form of a JDK charset: the same bytes with the high bit set.
    static final GraphicSet JIS_X0208 = doubleByte("ISO-IR 87", Register.G0, "EUC-JP", -1, '$', 'B');
    static final GraphicSet JIS_X0212 = doubleByte("ISO-IR 159", Register.G0, "EUC-JP", 0x8F, '$', '(', 'D');
    static final GraphicSet KS_X1001 = doubleByte("ISO-IR 149", Register.G1, "EUC-KR", -1, '$', ')', 'C');
    static final GraphicSet GB_2312 = doubleByte("ISO-IR 58", Register.G1, "GB2312", -1, '$', ')', 'A');

    /** JIS C 6226-1978, the predecessor of JIS X 0208; some writers still designate it. Read only. */
    private static final byte[] OLD_JIS_X0208_ESCAPE = {'$', '@'};

    private static final List<GraphicSet> ALL = List.of(ASCII, JIS_X0201_ROMAJI, JIS_X0201_KATAKANA,
            LATIN_1, LATIN_2, LATIN_3, LATIN_4, CYRILLIC, ARABIC, GREEK, HEBREW, LATIN_5, THAI,
            JIS_X0208, JIS_X0212, KS_X1001, GB_2312);

    private static final int ROW_SIZE = 94;
    private static final int FIRST_GL = 0x21;

    enum Register { G0, G1 }

    private final String name;
    private final Register register;
    private final boolean doubleByte;
    /** The escape sequence without its leading ESC byte. */
    private final byte[] escape;
    private final TableSource source;
    private volatile Tables tables;

    private GraphicSet(String name, Register register, boolean doubleByte, byte[] escape, TableSource source) {
        this.name = name;
        this.register = register;
        this.doubleByte = doubleByte;
        this.escape = escape;
        this.source = source;
    }

    Register register() {
        return register;
    }

    boolean isDoubleByte() {
        return doubleByte;
    }

    /** Finds the set designated by the escape sequence whose bytes after ESC start at {@code from}. */
    static Designation matchEscape(byte[] bytes, int from, int end) {
        for (GraphicSet set : ALL) {
            if (startsWith(bytes, from, end, set.escape)) {
                return new Designation(set, set.escape.length);
            }
        }
        if (startsWith(bytes, from, end, OLD_JIS_X0208_ESCAPE)) {
            return new Designation(JIS_X0208, OLD_JIS_X0208_ESCAPE.length);
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes one byte of a single-byte set, as it stands in the stream (GL for G0, GR for G1). */
    char decode(int code) {
        char c = tables().codeToChar[code & 0x7F];
        return c == 0 ? REPLACEMENT : c;
    }

    /** Decodes one character of a double-byte set; the bytes may be given with or without the high bit. */
    char decode(int first, int second) {
        int row = (first & 0x7F) - FIRST_GL;
        int cell = (second & 0x7F) - FIRST_GL;
        if (row < 0 || row >= ROW_SIZE || cell < 0 || cell >= ROW_SIZE) {
            return REPLACEMENT;
        }
        char c = tables().codeToChar[row * ROW_SIZE + cell];
        return c == 0 ? REPLACEMENT : c;
    }

    /**
     * Writes {@code c} in this set's encoding to {@code out} at {@code pos}, in the byte range of its register.
     *
     * @return the number of bytes written, 0 if the set does not contain the character
     */
    int encode(char c, byte[] out, int pos) {
        Integer code = tables().charToCode.get(c);
        if (code == null) {
            return 0;
        }
        int high = register == Register.G1 ? 0x80 : 0;
        if (doubleByte) {
            out[pos] = (byte) ((code >> 8) | high);
            out[pos + 1] = (byte) ((code & 0x7F) | high);
            return 2;
        }
        out[pos] = (byte) (code | high);
        return 1;
    }

    boolean canEncode(char c) {
        return tables().charToCode.containsKey(c);
    }

    /** Writes ESC and this set's designating sequence; returns the number of bytes written. */
    int writeEscape(byte[] out, int pos) {
        out[pos] = ESC;
        System.arraycopy(escape, 0, out, pos + 1, escape.length);
        return escape.length + 1;
    }

    @Override
    public String toString() {
        return name;
    }

    private Tables tables() {
        Tables result = tables;
        if (result == null) {
            synchronized (this) {
                result = tables;
                if (result == null) {
                    result = source.build();
                    tables = result;
                }
            }
        }
        return result;
    }

    private static GraphicSet ascii(String name, char... escape) {
        return new GraphicSet(name, Register.G0, false, bytes(escape), () -> {
            char[] codeToChar = new char[0x80];
            Map<Character, Integer> charToCode = new HashMap<>();
            for (int code = 0x20; code < 0x7F; code++) {
                codeToChar[code] = (char) code;
                charToCode.put((char) code, code);
            }
            return new Tables(codeToChar, charToCode);
        });
    }

    /** A G1 set taken from the upper half (0xA0-0xFF) of a single-byte JDK charset; its codes are kept 7-bit. */
    private static GraphicSet upperHalf(String name, String charsetName, char... escape) {
        return new GraphicSet(name, Register.G1, false, bytes(escape), () -> {
            CharsetDecoder decoder = strictDecoder(charsetName);
            char[] codeToChar = new char[0x80];
            Map<Character, Integer> charToCode = new HashMap<>();
            for (int code = 0x20; code < 0x80; code++) {
                String decoded = decodeOrNull(decoder, new byte[] {(byte) (code | 0x80)});
                if (decoded != null && decoded.length() == 1) {
                    codeToChar[code] = decoded.charAt(0);
                    charToCode.put(decoded.charAt(0), code);
                }
            }
            return new Tables(codeToChar, charToCode);
        });
    }

    /**
     * A 94x94 set read through an EUC-style JDK charset, where each character is its two bytes with the
     * high bit set, preceded by {@code prefix} when that is not negative (EUC-JP's SS3 for JIS X 0212).
     */
    private static GraphicSet doubleByte(String name, Register register, String charsetName, int prefix,
            char... escape) {
        return new GraphicSet(name, register, true, bytes(escape), () -> {
            CharsetDecoder decoder = strictDecoder(charsetName);
            char[] codeToChar = new char[ROW_SIZE * ROW_SIZE];
            Map<Character, Integer> charToCode = new HashMap<>();
            byte[] sequence = prefix < 0 ? new byte[2] : new byte[] {(byte) prefix, 0, 0};
            int at = sequence.length - 2;
            for (int row = 0; row < ROW_SIZE; row++) {
                for (int cell = 0; cell < ROW_SIZE; cell++) {
                    sequence[at] = (byte) ((row + FIRST_GL) | 0x80);
                    sequence[at + 1] = (byte) ((cell + FIRST_GL) | 0x80);
                    String decoded = decodeOrNull(decoder, sequence);
                    if (decoded != null && decoded.length() == 1) {
                        char c = decoded.charAt(0);
                        codeToChar[row * ROW_SIZE + cell] = c;
                        charToCode.putIfAbsent(c, ((row + FIRST_GL) << 8) | (cell + FIRST_GL));
                    }
                }
            }
            return new Tables(codeToChar, charToCode);
        });
    }

    private static CharsetDecoder strictDecoder(String charsetName) {
        return Charset.forName(charsetName).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String decodeOrNull(CharsetDecoder decoder, byte[] sequence) {
        try {
            CharBuffer decoded = decoder.reset().decode(ByteBuffer.wrap(sequence));
            String text = decoded.toString();
            return text.indexOf(REPLACEMENT) >= 0 ? null : text;
        } catch (CharacterCodingException unmapped) {
            return null;
        }
    }

    private static byte[] bytes(char... chars) {
        byte[] result = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            result[i] = (byte) chars[i];
        }
        return result;
    }

    record Designation(GraphicSet set, int escapeLength) {
    }

    private record Tables(char[] codeToChar, Map<Character, Integer> charToCode) {
    }

    @FunctionalInterface
    private interface TableSource {
        Tables build();
    }
}
