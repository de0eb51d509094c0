package org.rispacs.dicom.ul.pdu;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * One fragment of a DIMSE message (PS3.8 9.3.5.1 and Annex E): a piece of either the command or
 * the data set, flagged when it is the last piece. Its bytes are {@code length} bytes of
 * {@code buffer} from {@code offset}; in a received value they are a view into the reader's
 * buffer, valid until the next PDU is read, so that a data set is never copied on its way in.
 */
public record PresentationDataValue(int presentationContextId, boolean command, boolean last,
                                    byte[] buffer, int offset, int length) {

    public PresentationDataValue {
        Objects.checkFromIndexSize(offset, length, buffer.length);
    }

    public PresentationDataValue(int presentationContextId, boolean command, boolean last, byte[] data) {
        this(presentationContextId, command, last, data, 0, data.length);
    }

    /** Writes the value's bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buffer, offset, length);
    }

    /** A copy of the value's bytes. */
    public byte[] data() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    public int headerByte() {
        return (command ? 0x01 : 0x00) | (last ? 0x02 : 0x00);
    }
}
