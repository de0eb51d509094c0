package org.rispacs.hl7.ack;

/**
 * One error reported in an ERR segment.
 *
 * @param code             ERR-3, from HL7 table 0357
 * @param location         ERR-2, null when the error is not tied to a field
 * @param applicationCode  ERR-5, our own reason (e.g. the domain's refusal code), may be null
 * @param userMessage      ERR-8, for the people operating the sending system
 */
public record Hl7Error(Hl7ErrorCode code, ErrorLocation location, String applicationCode, String userMessage) {

    public static Hl7Error at(ErrorLocation location, Hl7ErrorCode code, String userMessage) {
        return new Hl7Error(code, location, null, userMessage);
    }

    public static Hl7Error of(Hl7ErrorCode code, String userMessage) {
        return new Hl7Error(code, null, null, userMessage);
    }
}
