package org.rispacs.api.concerns;

/** An event about an outbound delivery (ORU^R01, DFT^P03): found through the order it is for. */
public interface ConcernsDelivery {

    /** The delivery's identifier, or null. */
    String deliveryId();
}
