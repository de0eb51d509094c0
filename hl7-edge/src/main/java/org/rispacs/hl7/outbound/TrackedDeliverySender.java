package org.rispacs.hl7.outbound;

import org.rispacs.api.delivery.DeliveryKind;

/**
 * What makes the attempts of tracked deliveries of a kind as their events arrive: the first when
 * scheduled, the n-th when its retry is due, and the next in line when one finishes. Each asks the
 * delivery whether the attempt is due and records its outcome with it.
 */
public interface TrackedDeliverySender {

    /** A delivery was scheduled. */
    void scheduled(String deliveryId, DeliveryKind kind, String destination);

    /** Attempt {@code attempt} of a delivery is due. */
    void attempt(String deliveryId, int attempt, DeliveryKind kind);

    /** A delivery was delivered or has failed. */
    void finished(String deliveryId, DeliveryKind kind, String destination);
}
