package org.rispacs.dicom.ul.pdu;

import java.io.IOException;

/** Bytes that are not a valid PDU; the association is aborted with {@link #abortReason()}. */
public class PduFormatException extends IOException {

    private final int abortReason;

    public PduFormatException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    public int abortReason() {
        return abortReason;
    }
}
