package org.rispacs.dicom.data.charset;

import java.util.Arrays;
import java.util.List;

/**
 * The single-byte character sets and the ISO 2022 code extensions of PS3.5 6.1.2.5: a G0 set in GL, an
 * optional G1 set in GR, switched by escape sequences when code extensions are in use. At each delimiter
 * the initial sets (those of value 1 of (0008,0005)) are active again.
 */
final class Iso2022Codec implements TextCodec {

    private static final int LONGEST_ESCAPE = 4;
    private static final int MAX_BYTES_PER_CHAR = 2;

    private final GraphicSet initialG0;
    private final GraphicSet initialG1;
    /** What high bytes are read with while nothing is designated to G1; writers often omit the escape. */
    private final GraphicSet fallbackG1;
    /** The sets an encoder may use, preferred first; just the initial ones without code extensions. */
    private final List<GraphicSet> encodable;
    private final boolean codeExtensions;

    Iso2022Codec(GraphicSet initialG0, GraphicSet initialG1, GraphicSet fallbackG1, List<GraphicSet> encodable,
            boolean codeExtensions) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.fallbackG1 = fallbackG1;
        this.encodable = encodable;
        this.codeExtensions = codeExtensions;
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        StringBuilder text = new StringBuilder(length);
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == GraphicSet.ESC) {
                GraphicSet.Designation designation = GraphicSet.matchEscape(bytes, i + 1, end);
                if (designation == null) {
                    text.append((char) b);
                    i++;
                } else {
                    if (designation.set().register() == GraphicSet.Register.G0) {
                        g0 = designation.set();
                    } else {
                        g1 = designation.set();
                    }
                    i += 1 + designation.escapeLength();
                }
            } else if (b <= 0x20 || b == 0x7F || (b >= 0x80 && b < 0xA0)) {
                text.append((char) b);
                if (isDelimiter((char) b, personName)) {
                    g0 = initialG0;
                    g1 = initialG1;
                }
                i++;
            } else if (b < 0x80) {
                if (g0.isDoubleByte()) {
                    i += decodeDoubleByte(g0, bytes, i, end, 0x21, 0x7E, text);
                } else {
                    // Only a single-byte code can be a delimiter (PS3.5 6.1.2.3).
                    char c = g0.decode(b);
                    text.append(c);
                    if (isDelimiter((char) b, personName)) {
                        g0 = initialG0;
                        g1 = initialG1;
                    }
                    i++;
                }
            } else {
                GraphicSet high = g1 != null ? g1 : fallbackG1;
                if (high.isDoubleByte()) {
                    i += decodeDoubleByte(high, bytes, i, end, 0xA1, 0xFE, text);
                } else {
                    text.append(high.decode(b));
                    i++;
                }
            }
        }
        return text.toString();
    }

    private static int decodeDoubleByte(GraphicSet set, byte[] bytes, int i, int end, int low, int high,
            StringBuilder text) {
        int first = bytes[i] & 0xFF;
        if (i + 1 < end) {
            int second = bytes[i + 1] & 0xFF;
            if (first >= low && first <= high && second >= low && second <= high) {
                text.append(set.decode(first, second));
                return 2;
            }
        }
        text.append(GraphicSet.REPLACEMENT);
        return 1;
    }

    @Override
    public byte[] encode(String value, boolean personName) {
        // Worst case per character: a delimiter preceded by the escapes returning both G0 and G1.
        int perChar = 2 * LONGEST_ESCAPE + MAX_BYTES_PER_CHAR;
        byte[] out = new byte[value.length() * perChar + 2 * LONGEST_ESCAPE];
        int pos = 0;
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isDelimiter(c, personName)) {
                pos = returnToInitial(g0, g1, out, pos);
                out[pos++] = (byte) c;
                g0 = initialG0;
                g1 = initialG1;
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                if (c == GraphicSet.ESC && codeExtensions) {
                    throw new IllegalArgumentException("ESC cannot be written with code extensions: " + value);
                }
                out[pos++] = (byte) c;
            } else {
                int written = g0.encode(c, out, pos);
                if (written == 0 && g1 != null) {
                    written = g1.encode(c, out, pos);
                }
                if (written == 0) {
                    GraphicSet other = firstEncodableOther(c, g0, g1);
                    if (other == null) {
                        throw new IllegalArgumentException("Character U+" + Integer.toHexString(c).toUpperCase()
                                + " cannot be encoded in this Specific Character Set: " + value);
                    }
                    pos += other.writeEscape(out, pos);
                    if (other.register() == GraphicSet.Register.G0) {
                        g0 = other;
                    } else {
                        g1 = other;
                    }
                    written = other.encode(c, out, pos);
                }
                pos += written;
            }
        }
        pos = returnToInitial(g0, g1, out, pos);
        return Arrays.copyOf(out, pos);
    }

    private GraphicSet firstEncodableOther(char c, GraphicSet g0, GraphicSet g1) {
        for (GraphicSet set : encodable) {
            if (set != g0 && set != g1 && set.canEncode(c)) {
                return set;
            }
        }
        return null;
    }

    private int returnToInitial(GraphicSet g0, GraphicSet g1, byte[] out, int pos) {
        int at = pos;
        if (g0 != initialG0) {
            at += initialG0.writeEscape(out, at);
        }
        if (initialG1 != null && g1 != initialG1) {
            at += initialG1.writeEscape(out, at);
        }
        return at;
    }

    /** The characters before which the initial character sets are active again (PS3.5 6.1.2.5.3). */
    private static boolean isDelimiter(char c, boolean personName) {
        switch (c) {
            case '\\':
            case '\r':
            case '\n':
            case '\f':
            case '\t':
                return true;
            case '^':
            case '=':
                return personName;
            default:
                return false;
        }
    }
}
