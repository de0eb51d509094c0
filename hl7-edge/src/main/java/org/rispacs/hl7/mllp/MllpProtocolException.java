package org.rispacs.hl7.mllp;

import java.io.IOException;

/** The peer broke MLLP framing so badly that the connection cannot be resynchronised. */
public class MllpProtocolException extends IOException {

    public MllpProtocolException(String message) {
        super(message);
    }
}
