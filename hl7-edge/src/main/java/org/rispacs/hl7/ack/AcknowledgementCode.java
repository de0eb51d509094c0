package org.rispacs.hl7.ack;

/** MSA-1 in original acknowledgement mode (HL7 table 0008). */
public enum AcknowledgementCode {
    /** Application accept: the message was processed and its effects are committed. */
    AA,
    /** Application error: the content is wrong (a field missing, a value unknown, a refused transition). */
    AE,
    /** Application reject: the message cannot be processed at all (type, version, syntax, our failure). */
    AR
}
