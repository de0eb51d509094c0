package org.rispacs.dicom.web;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;

/**
 * Writes a stored object as a Part 10 stream carrying the RIS's current identity: the file's bytes as they
 * are when it already carries it, otherwise the File Meta Information, the coerced data set in the file's
 * own transfer syntax, and the file's pixel data and what follows copied unchanged from the file.
 */
public final class CoercedObjectWriter {

    private static final int NO_VALUE_LIMIT = Integer.MAX_VALUE - 8;

    private CoercedObjectWriter() {
    }

    /**
     * Writes the object to out (left open), coercing with reason {@link IdentityCoercion#COERCE}. A deflated
     * file that needs coercion is read whole into memory, pixel data included, and deflated again.
     */
    public static void write(StoredObject object, CurrentIdentity current, String modifyingSystem,
                             OutputStream out) throws IOException {
        if (IdentityCoercion.matches(object.header(), current)) {
            object.copy(List.of(new ByteRange(0, object.size())), out);
            return;
        }
        try (InputStream in = Files.newInputStream(object.file()); DicomReader reader = new DicomReader(in)) {
            Attributes fmi = reader.readFileMetaInformation();
            TransferSyntax syntax = reader.transferSyntax();
            reader.maxValueLength(NO_VALUE_LIMIT);
            Attributes dataset = syntax.deflated() ? reader.readDataset() : reader.readDataset(Tags.PixelData);
            long rest = reader.stopped() ? reader.position() : object.size();
            Attributes coerced = IdentityCoercion.apply(dataset, current, modifyingSystem, IdentityCoercion.COERCE,
                Instant.now());
            DicomWriter writer = new DicomWriter(new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() {
                    // the caller's stream stays open
                }
            });
            writer.writeFileMetaInformation(fmi);
            writer.writeDataset(coerced, syntax);
            writer.close();
            if (!syntax.deflated() && rest < object.size()) {
                object.copy(List.of(new ByteRange(rest, object.size() - rest)), out);
            }
        }
    }
}
