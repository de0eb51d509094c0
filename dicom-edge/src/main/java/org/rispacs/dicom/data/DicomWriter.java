package org.rispacs.dicom.data;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes datasets in a transfer syntax, and Part 10 files. Sequences and items are always written with
 * undefined length, encapsulated pixel data as items with a sequence delimiter, odd values padded with the
 * VR's padding byte. Group length elements (gggg,0000) present in a dataset are recomputed.
 */
public final class DicomWriter implements Closeable, Flushable {
    private static final int UNDEFINED_LENGTH = 0xFFFFFFFF;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int PREAMBLE_LENGTH = 128;

    private final OutputStream sink;
    private OutputStream out;
    private boolean explicitVr;
    private boolean bigEndian;
    private final byte[] header = new byte[12];

    public DicomWriter(OutputStream out) {
        this.sink = new BufferedOutputStream(out, 64 * 1024);
        this.out = sink;
    }

    /** The File Meta Information group 0002 as Part 10 mandates; version 00 01 and group length included. */
    public static Attributes createFileMetaInformation(String sopClassUid, String sopInstanceUid,
                                                       String transferSyntaxUid, String implementationClassUid,
                                                       String implementationVersionName, String sourceAeTitle) {
        Attributes fmi = new Attributes();
        fmi.setBytes(Tags.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        fmi.setString(Tags.MediaStorageSOPClassUID, VR.UI, sopClassUid);
        fmi.setString(Tags.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
        fmi.setString(Tags.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        fmi.setString(Tags.ImplementationClassUID, VR.UI, implementationClassUid);
        if (implementationVersionName != null) {
            fmi.setString(Tags.ImplementationVersionName, VR.SH, implementationVersionName);
        }
        if (sourceAeTitle != null) {
            fmi.setString(Tags.SourceApplicationEntityTitle, VR.AE, sourceAeTitle);
        }
        fmi.setInt(Tags.FileMetaInformationGroupLength, VR.UL, 0);
        return fmi;
    }

    /** The dataset encoded in the transfer syntax, e.g. for a P-DATA value. */
    public static byte[] encode(Attributes dataset, TransferSyntax syntax) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomWriter writer = new DicomWriter(bytes)) {
            writer.writeDataset(dataset, syntax);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the 128-byte preamble, "DICM" and the group 0002 elements of fmi with their group length. */
    public void writeFileMetaInformation(Attributes fmi) throws IOException {
        Attributes group = new Attributes();
        for (int tag : fmi.tags()) {
            if (tag >>> 16 == 0x0002 && tag != Tags.FileMetaInformationGroupLength) {
                Object value = fmi.valueOf(tag);
                VR vr = fmi.vrOf(tag);
                group.put(tag, vr, fmi.bigEndian() && value instanceof byte[] bytes ? ByteSwap.swapped(vr, bytes)
                    : value);
            }
        }
        group.setInt(Tags.FileMetaInformationGroupLength, VR.UL, 0);
        sink.write(new byte[PREAMBLE_LENGTH]);
        sink.write("DICM".getBytes(StandardCharsets.US_ASCII));
        explicitVr = true;
        bigEndian = false;
        out = sink;
        writeElements(group);
        sink.flush();
    }

    /** Writes a Part 10 file: the File Meta Information, then the dataset in the syntax it names. */
    public void writeFile(Attributes fmi, Attributes dataset) throws IOException {
        String uid = fmi.getString(Tags.TransferSyntaxUID);
        TransferSyntax syntax = TransferSyntax.forUid(uid)
            .orElseThrow(() -> new IllegalArgumentException("unknown transfer syntax " + uid));
        writeFileMetaInformation(fmi);
        writeDataset(dataset, syntax);
    }

    public void writeDataset(Attributes dataset, TransferSyntax syntax) throws IOException {
        explicitVr = syntax.explicitVr();
        bigEndian = syntax.bigEndian();
        if (syntax.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            DeflaterOutputStream deflating = new DeflaterOutputStream(new FilterOutputStream(sink) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    sink.write(bytes, offset, length);
                }
            }, deflater, 8192);
            out = deflating;
            try {
                writeElements(dataset);
                deflating.finish();
            } finally {
                deflater.end();
                out = sink;
            }
        } else {
            out = sink;
            writeElements(dataset);
        }
        sink.flush();
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }

    private void writeElements(Attributes dataset) throws IOException {
        int[] tags = dataset.tags();
        for (int index = 0; index < tags.length; index++) {
            int tag = tags[index];
            if ((tag & 0xFFFF) == 0) {
                writeGroupLength(dataset, tags, index);
            } else {
                writeElement(dataset, tag);
            }
        }
    }

    private void writeGroupLength(Attributes dataset, int[] tags, int index) throws IOException {
        long length = 0;
        for (int next = index + 1; next < tags.length && tags[next] >>> 16 == tags[index] >>> 16; next++) {
            length += encodedLength(dataset, tags[next]);
        }
        writeHeader(tags[index], VR.UL, 4);
        writeInt((int) length);
    }

    private void writeElement(Attributes dataset, int tag) throws IOException {
        VR vr = dataset.vrOf(tag);
        Object value = dataset.valueOf(tag);
        if (value instanceof Sequence sequence) {
            writeHeader(tag, VR.SQ, UNDEFINED_LENGTH);
            for (Attributes item : sequence) {
                writeItemHeader(ITEM, UNDEFINED_LENGTH);
                writeElements(item);
                writeItemHeader(ITEM_DELIMITATION, 0);
            }
            writeItemHeader(SEQUENCE_DELIMITATION, 0);
        } else if (value instanceof Fragments fragments) {
            writeHeader(tag, vr, UNDEFINED_LENGTH);
            for (byte[] fragment : fragments.items()) {
                writeItemHeader(ITEM, fragment.length + (fragment.length & 1));
                out.write(fragment);
                if ((fragment.length & 1) != 0) {
                    out.write(0);
                }
            }
            writeItemHeader(SEQUENCE_DELIMITATION, 0);
        } else {
            byte[] bytes = (byte[]) value;
            if (dataset.bigEndian() != bigEndian) {
                bytes = ByteSwap.swapped(vr, bytes);
            }
            int padded = bytes.length + (bytes.length & 1);
            writeHeader(tag, explicitVr && !vr.explicitLongLength() && padded > 0xFFFF ? VR.UN : vr, padded);
            out.write(bytes);
            if (padded != bytes.length) {
                out.write(vr.padding());
            }
        }
    }

    private long encodedLength(Attributes dataset, int tag) {
        VR vr = dataset.vrOf(tag);
        Object value = dataset.valueOf(tag);
        if (value instanceof Sequence sequence) {
            long length = headerLength(VR.SQ) + 8;
            for (Attributes item : sequence) {
                length += 16;
                for (int itemTag : item.tags()) {
                    length += encodedLength(item, itemTag);
                }
            }
            return length;
        }
        if (value instanceof Fragments fragments) {
            long length = headerLength(vr) + 8;
            for (byte[] fragment : fragments.items()) {
                length += 8 + fragment.length + (fragment.length & 1);
            }
            return length;
        }
        int padded = ((byte[]) value).length + (((byte[]) value).length & 1);
        return headerLength(explicitVr && padded > 0xFFFF ? VR.UN : vr) + padded;
    }

    private int headerLength(VR vr) {
        return !explicitVr ? 8 : vr.explicitLongLength() ? 12 : 8;
    }

    private void writeHeader(int tag, VR vr, int length) throws IOException {
        putTag(tag);
        if (!explicitVr) {
            putInt(4, length);
            out.write(header, 0, 8);
            return;
        }
        header[4] = (byte) (vr.code() >>> 8);
        header[5] = (byte) vr.code();
        if (vr.explicitLongLength()) {
            header[6] = 0;
            header[7] = 0;
            putInt(8, length);
            out.write(header, 0, 12);
        } else {
            putShort(6, length);
            out.write(header, 0, 8);
        }
    }

    private void writeItemHeader(int tag, int length) throws IOException {
        putTag(tag);
        putInt(4, length);
        out.write(header, 0, 8);
    }

    private void writeInt(int value) throws IOException {
        putInt(0, value);
        out.write(header, 0, 4);
    }

    private void putTag(int tag) {
        putShort(0, tag >>> 16);
        putShort(2, tag);
    }

    private void putShort(int offset, int value) {
        if (bigEndian) {
            header[offset] = (byte) (value >>> 8);
            header[offset + 1] = (byte) value;
        } else {
            header[offset] = (byte) value;
            header[offset + 1] = (byte) (value >>> 8);
        }
    }

    private void putInt(int offset, int value) {
        if (bigEndian) {
            putShort(offset, value >>> 16);
            putShort(offset + 2, value);
        } else {
            putShort(offset, value);
            putShort(offset + 2, value >>> 16);
        }
    }
}
