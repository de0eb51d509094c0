package org.rispacs.dicom.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads datasets and Part 10 files. The input may be hostile: every declared length is checked against
 * the configured maxima and the enclosing item before anything is allocated, and values are read in
 * bounded chunks, so a length beyond the end of the stream fails with {@link DicomFormatException}
 * rather than allocating it.
 *
 * <p>The reader buffers its input; after {@link #readDataset(TransferSyntax, int)} stopped before a tag,
 * continue with {@link #inputStream()}, which starts at that tag (inflated for the deflated syntax).
 */
public final class DicomReader implements Closeable {
    /** Default bound for one non-pixel value. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 64 * 1024 * 1024;
    /** Default bound for pixel data and for all fragments of one element together (the largest Java array). */
    public static final int DEFAULT_MAX_PIXEL_DATA_LENGTH = Integer.MAX_VALUE - 8;
    /** Reading does not stop before any tag. */
    public static final int NO_STOP_TAG = -1;

    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    private static final long NO_END = -1;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int MAX_DEPTH = 64;
    private static final int CHUNK = 1024 * 1024;
    private static final int PREAMBLE_LENGTH = 128;

    private PushbackInputStream in;
    private Inflater inflater;
    private long position;
    private int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
    private int maxPixelDataLength = DEFAULT_MAX_PIXEL_DATA_LENGTH;
    private boolean includePixelData = true;
    private long keepValuesUpTo = Long.MAX_VALUE;
    private boolean explicitVr;
    private boolean bigEndian;
    private boolean stopped;
    private Attributes fileMetaInformation;
    private TransferSyntax transferSyntax;
    private final byte[] scratch = new byte[8];
    private final List<SkippedValue> skipped = new ArrayList<>();

    /** A top-level value left in the input (too long to keep, or pixel data not asked for): where to find it. */
    public record SkippedValue(int tag, VR vr, long length) {
    }

    public DicomReader(InputStream in) {
        // bytes already in memory need no buffer of their own
        InputStream buffered = in instanceof ByteArrayInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.in = new PushbackInputStream(buffered, 8);
    }

    /** Bounds the declared length of any value other than pixel data. */
    public DicomReader maxValueLength(int maxValueLength) {
        this.maxValueLength = requirePositive(maxValueLength);
        return this;
    }

    /** Bounds native pixel data, and the fragments of encapsulated pixel data together. */
    public DicomReader maxPixelDataLength(int maxPixelDataLength) {
        this.maxPixelDataLength = requirePositive(maxPixelDataLength);
        return this;
    }

    /** When false, pixel data (group 7FE0) is skipped and not kept in the dataset. */
    public DicomReader includePixelData(boolean includePixelData) {
        this.includePixelData = includePixelData;
        return this;
    }

    /**
     * Values longer than this (bulk data: an encapsulated document, private raw data) are skipped,
     * not kept, and not bounded by {@link #maxValueLength(int)}: a stored object's header is read
     * without holding them in memory.
     */
    public DicomReader skipValuesLongerThan(int length) {
        this.keepValuesUpTo = requirePositive(length);
        return this;
    }

    /** The transfer syntax of the last dataset read, or named by the File Meta Information read. */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    public Attributes fileMetaInformation() {
        return fileMetaInformation;
    }

    /** Bytes consumed so far (counted after inflation once a deflated dataset is being read). */
    public long position() {
        return position;
    }

    /** The top-level values of native (not encapsulated) encoding skipped so far, in the order read. */
    public List<SkippedValue> skipped() {
        return List.copyOf(skipped);
    }

    /** True when the last dataset read stopped before the requested tag rather than at the end of the input. */
    public boolean stopped() {
        return stopped;
    }

    /** The rest of the input, starting where reading stopped. */
    public InputStream inputStream() {
        return in;
    }

    /**
     * Reads the 128-byte preamble, "DICM" and the group 0002 elements (explicit VR little endian), and
     * remembers the transfer syntax they name for {@link #readDataset()}.
     */
    public Attributes readFileMetaInformation() throws IOException {
        readFully(new byte[PREAMBLE_LENGTH], PREAMBLE_LENGTH);
        byte[] prefix = new byte[4];
        readFully(prefix, 4);
        if (prefix[0] != 'D' || prefix[1] != 'I' || prefix[2] != 'C' || prefix[3] != 'M') {
            throw new DicomFormatException("no DICM prefix after the preamble: not a Part 10 file");
        }
        explicitVr = true;
        bigEndian = false;
        Attributes fmi = new Attributes();
        readElements(fmi, NO_END, 0, 0x00020001);
        Integer groupLength = fmi.getInt(Tags.FileMetaInformationGroupLength);
        if (groupLength != null) {
            readElements(fmi, position + groupLength, 0, NO_STOP_TAG);
        } else {
            readElements(fmi, NO_END, 0, 0x00030000);
        }
        String uid = fmi.getString(Tags.TransferSyntaxUID);
        if (uid == null) {
            throw new DicomFormatException("File Meta Information without Transfer Syntax UID (0002,0010)");
        }
        fileMetaInformation = fmi;
        transferSyntax = TransferSyntax.forUid(uid)
            .orElseThrow(() -> new DicomFormatException("unsupported transfer syntax " + uid));
        return fmi;
    }

    /** Reads the dataset following the File Meta Information, to the end of the input. */
    public Attributes readDataset() throws IOException {
        return readDataset(NO_STOP_TAG);
    }

    /** Reads the dataset following the File Meta Information, stopping before stopBeforeTag. */
    public Attributes readDataset(int stopBeforeTag) throws IOException {
        if (transferSyntax == null) {
            throw new IllegalStateException("read the File Meta Information first, or name the transfer syntax");
        }
        return readDataset(transferSyntax, stopBeforeTag);
    }

    /** Reads a dataset to the end of the input. */
    public Attributes readDataset(TransferSyntax syntax) throws IOException {
        return readDataset(syntax, NO_STOP_TAG);
    }

    /**
     * Reads a dataset up to the end of the input or up to the first top-level element whose tag is not
     * below stopBeforeTag (e.g. {@link Tags#PixelData}); the input is then positioned at that element.
     */
    public Attributes readDataset(TransferSyntax syntax, int stopBeforeTag) throws IOException {
        transferSyntax = syntax;
        explicitVr = syntax.explicitVr();
        bigEndian = syntax.bigEndian();
        if (syntax.deflated() && inflater == null) {
            inflater = new Inflater(true);
            in = new PushbackInputStream(new InflaterInputStream(in, inflater, 8192), 8);
        }
        Attributes dataset = new Attributes(bigEndian);
        readElements(dataset, NO_END, 0, stopBeforeTag);
        return dataset;
    }

    @Override
    public void close() throws IOException {
        if (inflater != null) {
            inflater.end();
        }
        in.close();
    }

    /**
     * Reads elements into target until end (a defined-length item), an item delimiter (an undefined-length
     * item, depth above 0) or the end of input / the stop tag (the top-level dataset, depth 0).
     */
    private void readElements(Attributes target, long end, int depth, int stopBeforeTag) throws IOException {
        boolean topLevel = depth == 0;
        stopped = false;
        while (true) {
            if (end != NO_END && position >= end) {
                if (position > end) {
                    throw new DicomFormatException("element runs past the end of its item at " + position);
                }
                return;
            }
            if (topLevel && end == NO_END && !readAvailable(4)) {
                return;
            }
            if (!topLevel || end != NO_END) {
                readFully(scratch, 4);
            }
            int tag = tagAt(scratch);
            if (topLevel && stopBeforeTag != NO_STOP_TAG && Integer.compareUnsigned(tag, stopBeforeTag) >= 0) {
                in.unread(scratch, 0, 4);
                position -= 4;
                stopped = true;
                return;
            }
            if (tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION || tag == ITEM) {
                long length = readUnsignedInt();
                if (tag == ITEM_DELIMITATION && !topLevel && end == NO_END) {
                    return;
                }
                if (!topLevel || tag == ITEM || length != 0) {
                    throw new DicomFormatException(String.format("unexpected (FFFE,%04X) at %d", tag & 0xFFFF,
                        position - 8));
                }
                continue;
            }
            readElement(target, tag, end, depth);
        }
    }

    private void readElement(Attributes target, int tag, long end, int depth) throws IOException {
        VR vr;
        long length;
        if (explicitVr) {
            readFully(scratch, 2);
            VR declared = VR.fromCodeOrNull((scratch[0] & 0xFF) << 8 | scratch[1] & 0xFF);
            // PS3.5 6.2: a VR we do not know is read like UN, with 2 reserved bytes and a 32-bit length.
            vr = declared == null ? VR.UN : declared;
            if (vr.explicitLongLength()) {
                readFully(scratch, 2);
                length = readUnsignedInt();
            } else {
                readFully(scratch, 2);
                length = unsignedShortAt(scratch, 0);
            }
        } else {
            vr = StandardDictionary.vrOf(tag);
            length = readUnsignedInt();
        }
        if (length == UNDEFINED_LENGTH) {
            if (vr == VR.SQ) {
                readSequence(target, tag, NO_END, depth);
            } else if (vr == VR.UN) {
                readSequenceInImplicitLittleEndian(target, tag, depth);
            } else {
                readFragments(target, tag, vr);
            }
            return;
        }
        if (end != NO_END && position + length > end) {
            throw new DicomFormatException(String.format("length %d of %s at %d runs past its item", length,
                tagText(tag), position));
        }
        if (vr == VR.SQ) {
            readSequence(target, tag, position + length, depth);
            return;
        }
        boolean pixelData = isPixelData(tag);
        if (pixelData ? !includePixelData : length > keepValuesUpTo) {
            skipFully(length);
            if (depth == 0) {
                skipped.add(new SkippedValue(tag, vr, length));
            }
            return;
        }
        checkLength(tag, length, pixelData ? maxPixelDataLength : maxValueLength);
        target.put(tag, vr, readBytes((int) length));
    }

    private void readSequence(Attributes target, int tag, long end, int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new DicomFormatException("sequences nested deeper than " + MAX_DEPTH + " at " + position);
        }
        Sequence sequence = target.newSequence(tag);
        while (end == NO_END || position < end) {
            readFully(scratch, 4);
            int itemTag = tagAt(scratch);
            long itemLength = readUnsignedInt();
            if (itemTag == SEQUENCE_DELIMITATION) {
                return;
            }
            if (itemTag != ITEM) {
                throw new DicomFormatException(String.format("expected an item in %s but found %s at %d",
                    tagText(tag), tagText(itemTag), position - 8));
            }
            long itemEnd = itemLength == UNDEFINED_LENGTH ? NO_END : position + itemLength;
            if (end != NO_END && itemEnd > end) {
                throw new DicomFormatException("item length " + itemLength + " runs past its sequence at " + position);
            }
            Attributes item = new Attributes(bigEndian);
            readElements(item, itemEnd, depth + 1, NO_STOP_TAG);
            sequence.add(item);
        }
        if (position > end) {
            throw new DicomFormatException("item runs past the end of its sequence at " + position);
        }
    }

    /** PS3.5 6.2.2: a UN element of undefined length holds a sequence encoded in implicit VR little endian. */
    private void readSequenceInImplicitLittleEndian(Attributes target, int tag, int depth) throws IOException {
        boolean outerExplicitVr = explicitVr;
        boolean outerBigEndian = bigEndian;
        explicitVr = false;
        bigEndian = false;
        try {
            readSequence(target, tag, NO_END, depth);
        } finally {
            explicitVr = outerExplicitVr;
            bigEndian = outerBigEndian;
        }
    }

    private void readFragments(Attributes target, int tag, VR vr) throws IOException {
        boolean keep = isPixelData(tag) ? includePixelData : keepValuesUpTo == Long.MAX_VALUE;
        List<byte[]> fragments = keep ? target.newFragments(tag, vr) : null;
        long total = 0;
        while (true) {
            readFully(scratch, 4);
            int itemTag = tagAt(scratch);
            long length = readUnsignedInt();
            if (itemTag == SEQUENCE_DELIMITATION) {
                return;
            }
            if (itemTag != ITEM) {
                throw new DicomFormatException(String.format("expected a fragment item in %s but found %s at %d",
                    tagText(tag), tagText(itemTag), position - 8));
            }
            if (keep) {
                total += length;
                checkLength(tag, total, maxPixelDataLength);
                fragments.add(readBytes((int) length));
            } else {
                skipFully(length);
            }
        }
    }

    private static boolean isPixelData(int tag) {
        return tag >>> 16 == 0x7FE0;
    }

    private void checkLength(int tag, long length, int max) throws DicomFormatException {
        if (length > max) {
            throw new DicomFormatException(String.format("length %d of %s at %d exceeds the maximum %d", length,
                tagText(tag), position, max));
        }
    }

    /** Reads length bytes, allocating no more than has actually arrived plus one chunk. */
    private byte[] readBytes(int length) throws IOException {
        byte[] value = new byte[Math.min(length, CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == value.length) {
                value = Arrays.copyOf(value, (int) Math.min(length, (long) value.length * 2));
            }
            int count = in.read(value, filled, value.length - filled);
            if (count < 0) {
                throw truncated(length - filled);
            }
            filled += count;
            position += count;
        }
        return value;
    }

    /** Skips length bytes: seeks where the input can (a file), and fails if the input ends first. */
    private void skipFully(long length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            long count = in.skip(remaining);
            if (count <= 0) {
                // skip() may stop short without telling why: one byte read tells the end from a pause
                if (in.read() < 0) {
                    throw truncated(remaining);
                }
                count = 1;
            }
            remaining -= count;
            position += count;
        }
    }

    private void readFully(byte[] buffer, int length) throws IOException {
        int filled = 0;
        while (filled < length) {
            int count = in.read(buffer, filled, length - filled);
            if (count < 0) {
                throw truncated(length - filled);
            }
            filled += count;
        }
        position += length;
    }

    /** Fills scratch with count bytes; false at a clean end of input, an exception if it ends midway. */
    private boolean readAvailable(int count) throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        scratch[0] = (byte) first;
        position++;
        int filled = 1;
        while (filled < count) {
            int read = in.read(scratch, filled, count - filled);
            if (read < 0) {
                throw truncated(count - filled);
            }
            filled += read;
            position += read;
        }
        return true;
    }

    private DicomFormatException truncated(long missing) {
        return new DicomFormatException("input ends " + missing + " byte(s) short at " + position);
    }

    private long readUnsignedInt() throws IOException {
        readFully(scratch, 4);
        return bigEndian
            ? (long) unsignedShortAt(scratch, 0) << 16 | unsignedShortAt(scratch, 2)
            : (long) unsignedShortAt(scratch, 2) << 16 | unsignedShortAt(scratch, 0);
    }

    private int tagAt(byte[] bytes) {
        return unsignedShortAt(bytes, 0) << 16 | unsignedShortAt(bytes, 2);
    }

    private int unsignedShortAt(byte[] bytes, int offset) {
        int first = bytes[offset] & 0xFF;
        int second = bytes[offset + 1] & 0xFF;
        return bigEndian ? first << 8 | second : second << 8 | first;
    }

    private static String tagText(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static int requirePositive(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive: " + value);
        }
        return value;
    }
}
