package org.rispacs.hl7.outbound;

/**
 * What came of sending one message.
 *
 * @param acknowledged true for MSA-1 AA or CA
 * @param ackCode      MSA-1, null when no readable acknowledgement arrived
 * @param error        why it was not acknowledged (connection, timeout, garbled answer, AE/AR text), else null
 */
public record AckOutcome(boolean acknowledged, String ackCode, String error) {

    public static AckOutcome accepted(String ackCode) {
        return new AckOutcome(true, ackCode, null);
    }

    public static AckOutcome failed(String ackCode, String error) {
        return new AckOutcome(false, ackCode, error);
    }
}
