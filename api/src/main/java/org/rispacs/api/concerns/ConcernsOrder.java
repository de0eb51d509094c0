package org.rispacs.api.concerns;

/** An event about an order. */
public interface ConcernsOrder {

    /** The order's identifier, or null when the event names none. */
    String orderId();
}
