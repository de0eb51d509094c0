package org.rispacs.hl7.outbound;

import java.util.Optional;

/**
 * The unfinished report deliveries of each destination, in the order they were scheduled. Only
 * the first of a destination is attempted; the others wait behind it, so that an EHR that was
 * down receives the results in the order they were signed once it is back.
 */
public interface DeliveryQueue {

    /** Appends the delivery to its destination's queue; appending it again changes nothing. */
    void append(String deliveryId, String destination);

    /** Takes a finished (delivered or failed) delivery out of its queue. */
    void remove(String deliveryId);

    /** The delivery at the head of the destination's queue, if any. */
    Optional<String> head(String destination);
}
