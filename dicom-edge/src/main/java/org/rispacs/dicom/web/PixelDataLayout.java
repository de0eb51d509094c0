package org.rispacs.dicom.web;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/** Where a stored file's Pixel Data element, its value or its fragments lie; read from the element's headers. */
final class PixelDataLayout {
    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    /** A Basic Offset Table longer than this (4 million frames) is not believed. */
    private static final long MAX_OFFSET_TABLE = 16L * 1024 * 1024;

    boolean present;
    long elementOffset = -1;
    VR vr;
    long valueOffset = -1;
    long valueLength = -1;
    boolean encapsulated;
    long[] basicOffsetTable = new long[0];
    final List<ByteRange> fragments = new ArrayList<>();
    /** Where each fragment's item tag starts, counted from the first fragment's, as the offset table counts. */
    final List<Long> fragmentItemOffsets = new ArrayList<>();

    private PixelDataLayout() {
    }

    static PixelDataLayout none() {
        return new PixelDataLayout();
    }

    /** Pixel data there is, but inside a deflated stream: no place in the file to name. */
    static PixelDataLayout deflated() {
        PixelDataLayout layout = new PixelDataLayout();
        layout.present = true;
        return layout;
    }

    /** Reads the Pixel Data element whose tag starts at offset, and the item headers of encapsulated data. */
    static PixelDataLayout read(FileChannel channel, long offset, long fileSize, TransferSyntax syntax)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(12)
            .order(syntax.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buffer, offset, syntax.explicitVr() ? 12 : 8);
        int tag = Short.toUnsignedInt(buffer.getShort(0)) << 16 | Short.toUnsignedInt(buffer.getShort(2));
        if (tag != Tags.PixelData) {
            throw new DicomFormatException(String.format("expected Pixel Data at %d but found (%04X,%04X)", offset,
                tag >>> 16, tag & 0xFFFF));
        }
        PixelDataLayout layout = new PixelDataLayout();
        layout.present = true;
        layout.elementOffset = offset;
        long length;
        if (syntax.explicitVr()) {
            VR declared = VR.fromCodeOrNull((buffer.get(4) & 0xFF) << 8 | buffer.get(5) & 0xFF);
            layout.vr = declared == null ? VR.UN : declared;
            if (layout.vr.explicitLongLength()) {
                length = Integer.toUnsignedLong(buffer.getInt(8));
                layout.valueOffset = offset + 12;
            } else {
                length = Short.toUnsignedInt(buffer.getShort(6));
                layout.valueOffset = offset + 8;
            }
        } else {
            layout.vr = VR.OW;
            length = Integer.toUnsignedLong(buffer.getInt(4));
            layout.valueOffset = offset + 8;
        }
        if (length == UNDEFINED_LENGTH) {
            layout.encapsulated = true;
            layout.readItems(channel, fileSize, buffer);
        } else {
            if (layout.valueOffset + length > fileSize) {
                throw new DicomFormatException("Pixel Data of " + length + " bytes at " + offset
                    + " runs past the end of the file (" + fileSize + " bytes)");
            }
            layout.valueLength = length;
        }
        return layout;
    }

    private void readItems(FileChannel channel, long fileSize, ByteBuffer buffer) throws IOException {
        long position = valueOffset;
        boolean first = true;
        long firstFragmentItem = -1;
        while (true) {
            readFully(channel, buffer, position, 8);
            int tag = Short.toUnsignedInt(buffer.getShort(0)) << 16 | Short.toUnsignedInt(buffer.getShort(2));
            long length = Integer.toUnsignedLong(buffer.getInt(4));
            if (tag == SEQUENCE_DELIMITATION) {
                return;
            }
            if (tag != ITEM || length == UNDEFINED_LENGTH) {
                throw new DicomFormatException(String.format("expected a fragment item at %d but found (%04X,%04X)"
                    + " of length %d", position, tag >>> 16, tag & 0xFFFF, length));
            }
            if (position + 8 + length > fileSize) {
                throw new DicomFormatException("fragment of " + length + " bytes at " + position
                    + " runs past the end of the file (" + fileSize + " bytes)");
            }
            if (first) {
                basicOffsetTable = readOffsetTable(channel, position + 8, length, buffer.order());
                first = false;
            } else {
                if (firstFragmentItem < 0) {
                    firstFragmentItem = position;
                }
                fragments.add(new ByteRange(position + 8, length));
                fragmentItemOffsets.add(position - firstFragmentItem);
            }
            position += 8 + length;
        }
    }

    private static long[] readOffsetTable(FileChannel channel, long offset, long length, ByteOrder order)
            throws IOException {
        if (length % 4 != 0 || length > MAX_OFFSET_TABLE) {
            throw new DicomFormatException("a Basic Offset Table of " + length + " bytes at " + offset
                + " is not a list of 32-bit offsets");
        }
        ByteBuffer table = ByteBuffer.allocate((int) length).order(order);
        readFully(channel, table, offset, (int) length);
        long[] offsets = new long[(int) length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Integer.toUnsignedLong(table.getInt(i * 4));
        }
        return offsets;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long offset, int length)
            throws IOException {
        buffer.clear().limit(length);
        long position = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new EOFException("the file ends at " + position + " inside the Pixel Data element");
            }
            position += read;
        }
    }
}
