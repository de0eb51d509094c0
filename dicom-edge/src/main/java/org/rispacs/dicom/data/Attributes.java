package org.rispacs.dicom.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

import org.rispacs.dicom.data.charset.SpecificCharacterSet;

/**
 * A dataset: data elements ordered by tag. Values are kept as the encoded bytes in this dataset's byte
 * order, as read or as they will be written (setBytes may leave an odd length: the writer pads it with the
 * VR's padding byte); sequences hold {@link Sequence}
 * items and encapsulated pixel data holds fragments. Not thread safe.
 */
public final class Attributes implements Iterable<Integer> {
    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private boolean bigEndian;
    private Attributes parent;
    private SpecificCharacterSet ownCharacterSet;

    /** An empty little endian dataset. */
    public Attributes() {
        this(false);
    }

    public Attributes(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /** The dataset holding the sequence this item belongs to; null for a top-level dataset. */
    public Attributes parent() {
        return parent;
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** The VR of the element, or null when absent. */
    public VR vrOf(int tag) {
        Element element = elements.get(tag);
        return element == null ? null : element.vr;
    }

    public boolean remove(int tag) {
        if (tag == Tags.SpecificCharacterSet) {
            ownCharacterSet = null;
        }
        return elements.remove(tag) != null;
    }

    /** The tags in ascending (unsigned) order. */
    @Override
    public Iterator<Integer> iterator() {
        return Collections.unmodifiableSet(elements.keySet()).iterator();
    }

    public int[] tags() {
        return elements.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The character set of (0008,0005) of this dataset or, for an item without one, of its parent. */
    public SpecificCharacterSet characterSet() {
        if (elements.containsKey(Tags.SpecificCharacterSet)) {
            if (ownCharacterSet == null) {
                String[] terms = getStrings(Tags.SpecificCharacterSet);
                ownCharacterSet = SpecificCharacterSet.of(terms == null ? new String[0] : terms);
            }
            return ownCharacterSet;
        }
        return parent != null ? parent.characterSet() : SpecificCharacterSet.DEFAULT;
    }

    /** The raw value bytes in this dataset's byte order; null when absent or a sequence or fragments. */
    public byte[] getBytes(int tag) {
        Element element = elements.get(tag);
        return element != null && element.value instanceof byte[] bytes ? bytes : null;
    }

    /** Sets a raw value, given in this dataset's byte order. */
    public Attributes setBytes(int tag, VR vr, byte[] value) {
        if (vr == VR.SQ) {
            throw new IllegalArgumentException("use newSequence for SQ elements");
        }
        return put(tag, vr, Objects.requireNonNull(value, "value"));
    }

    /**
     * The first value as text: strings decoded with the character set, with padding removed; binary
     * numbers formatted (AT as eight hex digits). Null when absent, empty, or not representable as text.
     */
    public String getString(int tag) {
        String[] values = getStrings(tag);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** All values as text, split on backslash; an empty array for an empty value, null when absent. */
    public String[] getStrings(int tag) {
        Element element = elements.get(tag);
        if (element == null || !(element.value instanceof byte[] bytes)) {
            return null;
        }
        VR vr = textVrOf(tag, element.vr);
        if (bytes.length == 0) {
            return new String[0];
        }
        if (vr.isString()) {
            return splitAndTrim(vr, decode(vr, bytes));
        }
        return formatNumbers(vr, bytes);
    }

    /** The first value of a US, UL, SS, SL, AT or IS element; null when absent, empty or of another VR. */
    public Integer getInt(int tag) {
        int[] values = getInts(tag);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** All values of a US, UL, SS, SL, AT or IS element; UL values above 2^31-1 throw ArithmeticException. */
    public int[] getInts(int tag) {
        Element element = elements.get(tag);
        if (element == null || !(element.value instanceof byte[] bytes)) {
            return null;
        }
        ByteBuffer buffer = buffer(bytes);
        return switch (element.vr) {
            case US -> fill(bytes.length / 2, i -> Short.toUnsignedInt(buffer.getShort()));
            case SS -> fill(bytes.length / 2, i -> buffer.getShort());
            case UL -> fill(bytes.length / 4, i -> Math.toIntExact(Integer.toUnsignedLong(buffer.getInt())));
            case SL -> fill(bytes.length / 4, i -> buffer.getInt());
            case AT -> fill(bytes.length / 4, i -> buffer.getShort() << 16 | Short.toUnsignedInt(buffer.getShort()));
            case IS -> Arrays.stream(getStrings(tag)).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
            default -> null;
        };
    }

    /** The first value of a numeric element (FL, FD, DS and the integer VRs); null when absent or empty. */
    public Double getDouble(int tag) {
        Element element = elements.get(tag);
        if (element == null || !(element.value instanceof byte[] bytes) || bytes.length == 0) {
            return null;
        }
        return switch (element.vr) {
            case FL -> bytes.length < 4 ? null : (double) buffer(bytes).getFloat();
            case FD -> bytes.length < 8 ? null : buffer(bytes).getDouble();
            case DS -> {
                String value = getString(tag);
                yield value == null || value.isEmpty() ? null : Double.valueOf(value);
            }
            default -> {
                Integer value = getInt(tag);
                yield value == null ? null : value.doubleValue();
            }
        };
    }

    /**
     * Sets string values, joined with backslash, encoded with this dataset's character set for the VRs that
     * use it (so set (0008,0005) first) and padded to even length. For binary number VRs they are parsed.
     */
    public Attributes setString(int tag, VR vr, String... values) {
        if (vr.isString()) {
            String joined = String.join("\\", values);
            byte[] bytes = vr.usesSpecificCharacterSet()
                ? characterSet().encode(joined, vr == VR.PN)
                : joined.getBytes(StandardCharsets.ISO_8859_1);
            if ((bytes.length & 1) != 0) {
                bytes = Arrays.copyOf(bytes, bytes.length + 1);
                bytes[bytes.length - 1] = vr.padding();
            }
            put(tag, vr, bytes);
            if (tag == Tags.SpecificCharacterSet) {
                ownCharacterSet = null;
            }
            return this;
        }
        switch (vr) {
            case FL, FD, OF, OD -> {
                double[] numbers = Arrays.stream(values).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
                return setDouble(tag, vr, numbers);
            }
            case AT -> {
                return setInt(tag, vr, Arrays.stream(values).mapToInt(v -> Integer.parseUnsignedInt(v.trim(), 16))
                    .toArray());
            }
            case US, SS, UL, SL, OW, OL -> {
                return setInt(tag, vr, Arrays.stream(values).mapToLong(v -> Long.parseLong(v.trim()))
                    .mapToInt(v -> (int) v).toArray());
            }
            default -> throw new IllegalArgumentException("cannot set " + vr + " from strings");
        }
    }

    /** Sets integer values: binary for US, SS, UL, SL, AT, OW, OL, SV, UV; decimal strings for IS and DS. */
    public Attributes setInt(int tag, VR vr, int... values) {
        return switch (vr) {
            case IS, DS -> setString(tag, vr, Arrays.stream(values).mapToObj(Integer::toString).toArray(String[]::new));
            case FL, FD, OF, OD -> setDouble(tag, vr, Arrays.stream(values).asDoubleStream().toArray());
            case US, SS, OW -> put(tag, vr, encode(values.length * 2, b -> {
                for (int v : values) {
                    b.putShort((short) v);
                }
            }));
            case UL, SL, OL -> put(tag, vr, encode(values.length * 4, b -> {
                for (int v : values) {
                    b.putInt(v);
                }
            }));
            case AT -> put(tag, vr, encode(values.length * 4, b -> {
                for (int v : values) {
                    b.putShort((short) (v >>> 16)).putShort((short) v);
                }
            }));
            case SV, UV -> put(tag, vr, encode(values.length * 8, b -> {
                for (int v : values) {
                    b.putLong(vr == VR.UV ? Integer.toUnsignedLong(v) : v);
                }
            }));
            default -> throw new IllegalArgumentException("cannot set " + vr + " from ints");
        };
    }

    /** Sets floating point values: binary for FL, FD, OF, OD; decimal strings for DS. */
    public Attributes setDouble(int tag, VR vr, double... values) {
        return switch (vr) {
            case DS -> setString(tag, vr, Arrays.stream(values).mapToObj(Attributes::formatDecimal)
                .toArray(String[]::new));
            case FL, OF -> put(tag, vr, encode(values.length * 4, b -> {
                for (double v : values) {
                    b.putFloat((float) v);
                }
            }));
            case FD, OD -> put(tag, vr, encode(values.length * 8, b -> {
                for (double v : values) {
                    b.putDouble(v);
                }
            }));
            default -> throw new IllegalArgumentException("cannot set " + vr + " from doubles");
        };
    }

    /** The items of a sequence element; null when absent or not a sequence. */
    public Sequence getSequence(int tag) {
        Element element = elements.get(tag);
        return element != null && element.value instanceof Sequence sequence ? sequence : null;
    }

    /** Creates (or replaces) a sequence element and returns its empty, mutable item list. */
    public Sequence newSequence(int tag) {
        Sequence sequence = new Sequence(this);
        put(tag, VR.SQ, sequence);
        return sequence;
    }

    /** The fragments of encapsulated pixel data (the first is the Basic Offset Table); null otherwise. */
    public List<byte[]> getFragments(int tag) {
        Element element = elements.get(tag);
        return element != null && element.value instanceof Fragments fragments ? fragments.items() : null;
    }

    /** Creates (or replaces) an encapsulated element (VR OB normally) and returns its mutable fragment list. */
    public List<byte[]> newFragments(int tag, VR vr) {
        Fragments fragments = new Fragments();
        put(tag, vr, fragments);
        return fragments.items();
    }

    /** A deep copy with the same byte order and no parent. */
    public Attributes copy() {
        Attributes copy = new Attributes(bigEndian);
        for (Element element : elements.values()) {
            if (element.value instanceof Sequence sequence) {
                Sequence target = copy.newSequence(element.tag);
                for (Attributes item : sequence) {
                    target.add(item.copy());
                }
            } else if (element.value instanceof Fragments fragments) {
                List<byte[]> target = copy.newFragments(element.tag, element.vr);
                fragments.items().forEach(fragment -> target.add(fragment.clone()));
            } else {
                copy.put(element.tag, element.vr, ((byte[]) element.value).clone());
            }
        }
        return copy;
    }

    Object valueOf(int tag) {
        Element element = elements.get(tag);
        return element == null ? null : element.value;
    }

    Attributes put(int tag, VR vr, Object value) {
        elements.put(tag, new Element(tag, Objects.requireNonNull(vr, "vr"), value));
        if (tag == Tags.SpecificCharacterSet) {
            ownCharacterSet = null;
        }
        return this;
    }

    void setParent(Attributes parent) {
        this.parent = parent;
    }

    void changeByteOrder(boolean toBigEndian) {
        if (bigEndian == toBigEndian) {
            return;
        }
        bigEndian = toBigEndian;
        for (Map.Entry<Integer, Element> entry : elements.entrySet()) {
            Element element = entry.getValue();
            if (element.value instanceof Sequence sequence) {
                sequence.forEach(item -> item.changeByteOrder(toBigEndian));
            } else if (element.value instanceof byte[] bytes) {
                entry.setValue(new Element(element.tag, element.vr, ByteSwap.swapped(element.vr, bytes)));
            }
        }
    }

    private VR textVrOf(int tag, VR vr) {
        if (vr == VR.UN) {
            VR standard = StandardDictionary.vrOf(tag);
            return standard.isString() ? standard : vr;
        }
        return vr;
    }

    private String decode(VR vr, byte[] bytes) {
        if (vr.usesSpecificCharacterSet()) {
            return characterSet().decode(bytes, 0, bytes.length, vr == VR.PN);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String[] splitAndTrim(VR vr, String text) {
        if (vr.isSingleValuedText()) {
            return new String[] {trimEnd(text)};
        }
        String[] values = text.split("\\\\", -1);
        for (int i = 0; i < values.length; i++) {
            values[i] = trimEnd(values[i]).stripLeading();
        }
        return values;
    }

    private static String trimEnd(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        return value.substring(0, end);
    }

    private String[] formatNumbers(VR vr, byte[] bytes) {
        ByteBuffer buffer = buffer(bytes);
        int count = bytes.length / vr.bytesPerNumber();
        String[] result = new String[vr == VR.AT ? count / 2 : count];
        for (int i = 0; i < result.length; i++) {
            result[i] = switch (vr) {
                case US, OW -> Integer.toString(Short.toUnsignedInt(buffer.getShort()));
                case SS -> Short.toString(buffer.getShort());
                case UL, OL -> Integer.toUnsignedString(buffer.getInt());
                case SL -> Integer.toString(buffer.getInt());
                case FL, OF -> Float.toString(buffer.getFloat());
                case FD, OD -> Double.toString(buffer.getDouble());
                case SV -> Long.toString(buffer.getLong());
                case UV, OV -> Long.toUnsignedString(buffer.getLong());
                case AT -> String.format("%04X%04X", buffer.getShort(), buffer.getShort());
                default -> null;
            };
            if (result[i] == null) {
                return null;
            }
        }
        return result;
    }

    private ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private byte[] encode(int length, Consumer<ByteBuffer> writer) {
        byte[] bytes = new byte[length];
        writer.accept(buffer(bytes));
        return bytes;
    }

    private static int[] fill(int count, IntUnaryOperator next) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = next.applyAsInt(i);
        }
        return values;
    }

    private static String formatDecimal(double value) {
        String text = value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value) : Double.toString(value);
        if (text.length() > 16) {
            text = String.format(Locale.ROOT, "%.10G", value).replaceFirst("\\.?0+(E|$)", "$1");
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Attributes that) || bigEndian != that.bigEndian
            || elements.size() != that.elements.size()) {
            return false;
        }
        Iterator<Element> mine = elements.values().iterator();
        Iterator<Element> theirs = that.elements.values().iterator();
        while (mine.hasNext()) {
            if (!mine.next().sameAs(theirs.next())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return elements.keySet().hashCode();
    }

    /** One line per element, items indented, values shortened; for logs and test failures. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        appendTo(text, "");
        return text.toString();
    }

    private void appendTo(StringBuilder text, String indent) {
        for (Element element : elements.values()) {
            text.append(indent).append(String.format("(%04X,%04X) %s ", element.tag >>> 16, element.tag & 0xFFFF,
                element.vr));
            if (element.value instanceof Sequence sequence) {
                text.append(sequence.size()).append(" item(s)\n");
                for (Attributes item : sequence) {
                    text.append(indent).append("  item\n");
                    item.appendTo(text, indent + "    ");
                }
            } else if (element.value instanceof Fragments fragments) {
                text.append(fragments.items().size()).append(" fragment(s)\n");
            } else {
                String[] values = getStrings(element.tag);
                String shown = values == null ? ((byte[]) element.value).length + " bytes" : String.join("\\", values);
                text.append('[').append(shown.length() > 64 ? shown.substring(0, 64) + "..." : shown).append("]\n");
            }
        }
    }

    private record Element(int tag, VR vr, Object value) {
        boolean sameAs(Element other) {
            if (tag != other.tag || vr != other.vr) {
                return false;
            }
            if (value instanceof byte[] bytes) {
                return other.value instanceof byte[] otherBytes && Arrays.equals(bytes, otherBytes);
            }
            if (value instanceof Fragments fragments) {
                if (!(other.value instanceof Fragments otherFragments)
                    || fragments.items().size() != otherFragments.items().size()) {
                    return false;
                }
                for (int i = 0; i < fragments.items().size(); i++) {
                    if (!Arrays.equals(fragments.items().get(i), otherFragments.items().get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return value.equals(other.value);
        }
    }
}
