package org.rispacs.hl7.outbound;

/** The charge messages already sent, with the outcome each had. */
public interface SentCharges {

    boolean isSent(String chargeId);

    void record(String chargeId, String destination, String controlId, AckOutcome outcome);
}
