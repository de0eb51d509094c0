package org.rispacs.hl7.outbound;

/** A charge delivery attempt still to be made: where to, and what. */
public record PendingCharge(String destination, ChargeDetails charge) {
}
