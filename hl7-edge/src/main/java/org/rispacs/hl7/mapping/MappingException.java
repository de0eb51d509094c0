package org.rispacs.hl7.mapping;

import org.rispacs.hl7.ack.AcknowledgementCode;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7Error;
import org.rispacs.hl7.ack.Hl7ErrorCode;

/** The message cannot be turned into commands; says how to acknowledge it. */
public class MappingException extends Exception {

    private final AcknowledgementCode acknowledgement;
    private final Hl7Error error;

    public MappingException(AcknowledgementCode acknowledgement, Hl7Error error) {
        super(error.userMessage());
        this.acknowledgement = acknowledgement;
        this.error = error;
    }

    /** A content error (AE) at a field. */
    static MappingException at(ErrorLocation location, Hl7ErrorCode code, String message) {
        return new MappingException(AcknowledgementCode.AE, Hl7Error.at(location, code, message));
    }

    static MappingException missing(ErrorLocation location, String what) {
        return at(location, Hl7ErrorCode.REQUIRED_FIELD_MISSING, what + " is required");
    }

    public AcknowledgementCode acknowledgement() {
        return acknowledgement;
    }

    public Hl7Error error() {
        return error;
    }
}
