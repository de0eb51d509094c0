package org.rispacs.hl7.inbound;

import java.util.function.Supplier;

/**
 * One message's effects as one unit: its commands' events, the registries they claim and the record
 * of the message itself are committed together or not at all, so that an AE or AR never leaves a
 * trace and an AA never stands for part of a message.
 */
@FunctionalInterface
public interface MessageTransactions {

    /** Runs the work in one transaction, committed only when the work says to keep it; rolled back if it throws. */
    Outcome inOneTransaction(Supplier<Outcome> work);

    /** The acknowledgement to send, and whether the work's effects are kept. */
    record Outcome(String acknowledgement, boolean keep) {
    }
}
