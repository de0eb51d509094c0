package org.rispacs.dicom.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/**
 * One stored Part 10 file opened for serving: its header (the data set without pixel data and without
 * values longer than 64 KiB) and where each frame's bytes lie in the file, so frames are streamed from
 * the file rather than loaded.
 *
 * <p>Frames are served as stored: native frames of an Explicit VR Big Endian file keep their big endian
 * byte order (a request for the stored transfer syntax gets them so), encapsulated frames are the
 * fragments' bytes. A deflated file's pixel data cannot be located in the file: its frames are refused.
 */
public final class StoredObject {

    /** Longer values (an encapsulated document, private raw data) stay in the file, out of the header. */
    private static final int HEADER_VALUE_KEPT = 64 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path file;
    private final long size;
    private final Attributes fileMetaInformation;
    private final Attributes header;
    private final List<DicomReader.SkippedValue> bulkValues;
    private final TransferSyntax syntax;
    private final boolean pixelDataPresent;
    private final long pixelDataOffset;
    private final VR pixelDataVr;
    private final long valueOffset;
    private final long valueLength;
    private final boolean encapsulated;
    private final long[] basicOffsetTable;
    /** The fragments after the Basic Offset Table: their values, and where their item tags start. */
    private final List<ByteRange> fragments;
    private final long[] fragmentItemOffsets;

    private StoredObject(Path file, long size, Attributes fileMetaInformation, Attributes header,
                         TransferSyntax syntax, PixelDataLayout layout, List<DicomReader.SkippedValue> bulkValues) {
        this.file = file;
        this.bulkValues = bulkValues;
        this.size = size;
        this.fileMetaInformation = fileMetaInformation;
        this.header = header;
        this.syntax = syntax;
        this.pixelDataPresent = layout.present;
        this.pixelDataOffset = layout.elementOffset;
        this.pixelDataVr = layout.vr;
        this.valueOffset = layout.valueOffset;
        this.valueLength = layout.valueLength;
        this.encapsulated = layout.encapsulated;
        this.basicOffsetTable = layout.basicOffsetTable;
        this.fragments = List.copyOf(layout.fragments);
        this.fragmentItemOffsets = layout.fragmentItemOffsets.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Reads the File Meta Information and the data set up to Pixel Data, and where the pixel data lies:
     * for encapsulated pixel data the Basic Offset Table and each fragment's place, skipping their bytes.
     */
    public static StoredObject open(Path file) throws IOException {
        long size = Files.size(file);
        Attributes fmi;
        Attributes header;
        TransferSyntax syntax;
        List<DicomReader.SkippedValue> bulkValues;
        long stoppedAt;
        boolean pixelDataFollows;
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            fmi = reader.readFileMetaInformation();
            syntax = reader.transferSyntax();
            header = reader.includePixelData(false).skipValuesLongerThan(HEADER_VALUE_KEPT)
                .readDataset(Tags.PixelData);
            bulkValues = reader.skipped();
            stoppedAt = reader.stopped() ? reader.position() : -1;
            pixelDataFollows = reader.stopped() && nextTag(reader.inputStream(), syntax) == Tags.PixelData;
        }
        PixelDataLayout layout;
        if (!pixelDataFollows) {
            layout = PixelDataLayout.none();
        } else if (syntax.deflated()) {
            layout = PixelDataLayout.deflated();
        } else {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                layout = PixelDataLayout.read(channel, stoppedAt, size, syntax);
            }
        }
        return new StoredObject(file, size, fmi, header, syntax, layout, bulkValues);
    }

    /** The header's values left in the file for their length (pixel data aside), to be served as bulk data. */
    public List<DicomReader.SkippedValue> bulkValues() {
        return bulkValues;
    }

    public Path file() {
        return file;
    }

    public Attributes fileMetaInformation() {
        return fileMetaInformation;
    }

    /** The data set without pixel data; values longer than 64 KiB are left out. */
    public Attributes header() {
        return header;
    }

    public String transferSyntaxUid() {
        return syntax.uid();
    }

    TransferSyntax transferSyntax() {
        return syntax;
    }

    /** True when the pixel data is encapsulated (compressed fragments). */
    public boolean encapsulated() {
        return encapsulated;
    }

    /** NumberOfFrames, or 1 when absent; 0 when the object has no pixel data. */
    public int numberOfFrames() {
        if (!pixelDataPresent) {
            return 0;
        }
        String declared = header.getString(Tags.NumberOfFrames);
        if (declared == null || declared.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(declared.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Number of Frames (0028,0008) '" + declared + "' of " + file
                + " is not a number", e);
        }
    }

    /** The file offset of the Pixel Data element's tag, or -1 when there is none (or it is deflated). */
    public long pixelDataOffset() {
        return pixelDataOffset;
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    public VR pixelDataVr() {
        return pixelDataVr;
    }

    /**
     * Where frame {@code number} (1-based) lies in the file: one range for native pixel data, the frame's
     * fragments for encapsulated pixel data.
     *
     * @throws NoSuchFrameException when the number is not between 1 and {@link #numberOfFrames()}
     * @throws UnsupportedOperationException when the frame cannot be located in the file as bytes
     */
    public List<ByteRange> frame(int number) {
        int frames = numberOfFrames();
        if (number < 1 || number > frames) {
            throw new NoSuchFrameException("frame " + number + " does not exist: " + file.getFileName()
                + " has " + frames + " frame(s)");
        }
        if (pixelDataOffset < 0) {
            throw new UnsupportedOperationException("the pixel data of " + file.getFileName()
                + " is deflated (" + syntax.name() + "): its frames cannot be read from the file");
        }
        return encapsulated ? encapsulatedFrame(number, frames) : List.of(nativeFrame(number, frames));
    }

    /** Streams the ranges' bytes from the file, in order, through a 64 KiB buffer. */
    public void copy(List<ByteRange> ranges, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
            for (ByteRange range : ranges) {
                requireInFile(range);
                long position = range.offset();
                long end = range.offset() + range.length();
                while (position < end) {
                    buffer.clear().limit((int) Math.min(COPY_BUFFER, end - position));
                    int read = channel.read(buffer, position);
                    if (read < 0) {
                        throw new EOFException(file + " ends at " + position + ", before " + end);
                    }
                    out.write(buffer.array(), 0, read);
                    position += read;
                }
            }
        }
    }

    /** Streams the ranges' bytes from the file, in order, with {@link FileChannel#transferTo}. */
    public void copy(List<ByteRange> ranges, WritableByteChannel out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (ByteRange range : ranges) {
                requireInFile(range);
                long position = range.offset();
                long end = range.offset() + range.length();
                while (position < end) {
                    long sent = channel.transferTo(position, end - position, out);
                    if (sent <= 0 && position >= channel.size()) {
                        throw new EOFException(file + " ends at " + position + ", before " + end);
                    }
                    position += sent;
                }
            }
        }
    }

    /** The ranges' bytes in memory: for one frame to render, never for a whole object. */
    byte[] read(List<ByteRange> ranges) throws IOException {
        long total = ranges.stream().mapToLong(ByteRange::length).sum();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " bytes do not fit in memory at once");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) total);
        copy(ranges, bytes);
        return bytes.toByteArray();
    }

    private ByteRange nativeFrame(int number, int frames) {
        long frameLength = nativeFrameLength(frames);
        long start = (number - 1) * frameLength;
        if (start + frameLength > valueLength) {
            throw new IllegalStateException("the pixel data of " + file.getFileName() + " holds " + valueLength
                + " bytes, too few for frame " + number + " of " + frameLength + " bytes");
        }
        return new ByteRange(valueOffset + start, frameLength);
    }

    private long nativeFrameLength(int frames) {
        Integer rows = header.getInt(Tags.Rows);
        Integer columns = header.getInt(Tags.Columns);
        Integer bitsAllocated = header.getInt(Tags.BitsAllocated);
        if (rows == null || columns == null || bitsAllocated == null) {
            throw new UnsupportedOperationException(file.getFileName()
                + " lacks Rows, Columns or Bits Allocated: its frames cannot be located");
        }
        Integer declaredSamples = header.getInt(Tags.SamplesPerPixel);
        int samples = declaredSamples == null ? 1 : declaredSamples;
        if ("YBR_FULL_422".equals(header.getString(Tags.PhotometricInterpretation)) && samples == 3) {
            // PS3.3 C.7.6.3.1.2: two chrominance samples shared by each pair of pixels
            samples = 2;
        }
        long bits = (long) rows * columns * samples * bitsAllocated;
        if (bits % 8 != 0) {
            // PS3.5 8.1.1: frames follow each other bit by bit, so only the first starts on a byte
            if (frames == 1) {
                return (bits + 7) / 8;
            }
            throw new UnsupportedOperationException("the frames of " + file.getFileName() + " (" + bitsAllocated
                + " bit(s) allocated, " + rows + "x" + columns + ") do not start on byte boundaries");
        }
        return bits / 8;
    }

    private List<ByteRange> encapsulatedFrame(int number, int frames) {
        if (fragments.isEmpty()) {
            throw new IllegalStateException("the encapsulated pixel data of " + file.getFileName()
                + " holds no fragment");
        }
        if (fragments.size() == frames) {
            return List.of(fragments.get(number - 1));
        }
        if (basicOffsetTable.length > 0) {
            if (basicOffsetTable.length != frames) {
                throw new UnsupportedOperationException("the Basic Offset Table of " + file.getFileName()
                    + " lists " + basicOffsetTable.length + " frame(s), Number of Frames says " + frames);
            }
            long start = basicOffsetTable[number - 1];
            long end = number < frames ? basicOffsetTable[number] : Long.MAX_VALUE;
            List<ByteRange> frame = new ArrayList<>();
            boolean startsOnAFragment = false;
            for (int i = 0; i < fragments.size(); i++) {
                if (fragmentItemOffsets[i] >= start && fragmentItemOffsets[i] < end) {
                    startsOnAFragment |= fragmentItemOffsets[i] == start;
                    frame.add(fragments.get(i));
                }
            }
            if (!startsOnAFragment) {
                throw new UnsupportedOperationException("the Basic Offset Table of " + file.getFileName()
                    + " does not point at a fragment for frame " + number);
            }
            return frame;
        }
        if (frames == 1) {
            return fragments;
        }
        throw new UnsupportedOperationException(file.getFileName() + " holds " + frames + " frames in "
            + fragments.size() + " fragments without a Basic Offset Table: its frames cannot be told apart");
    }

    private void requireInFile(ByteRange range) {
        if (range.offset() + range.length() > size) {
            throw new IllegalArgumentException(range + " runs past the end of " + file + " (" + size + " bytes)");
        }
    }

    /** The tag the input starts with; the input is closed right after, so the bytes are not put back. */
    private static int nextTag(InputStream in, TransferSyntax syntax) throws IOException {
        byte[] tag = in.readNBytes(4);
        if (tag.length < 4) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(tag).order(syntax.bigEndian() ? ByteOrder.BIG_ENDIAN
            : ByteOrder.LITTLE_ENDIAN);
        return Short.toUnsignedInt(buffer.getShort()) << 16 | Short.toUnsignedInt(buffer.getShort());
    }
}
