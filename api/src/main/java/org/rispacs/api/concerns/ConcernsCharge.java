package org.rispacs.api.concerns;

/** An event about a charge (billing): found through the order the charge was captured for. */
public interface ConcernsCharge {

    /** The charge's identifier, or null. */
    String chargeId();
}
