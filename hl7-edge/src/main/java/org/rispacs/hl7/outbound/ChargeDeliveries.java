package org.rispacs.hl7.outbound;

import java.util.Optional;

/** What the workflow knows about charge deliveries, read from its recorded facts. */
public interface ChargeDeliveries {

    /**
     * The charge to send as attempt {@code attempt} of the delivery; empty when that attempt is
     * not (or no longer) due, or the delivery is not a charge's.
     *
     * @throws IllegalStateException when the delivery is due but a fact the message needs is missing
     */
    Optional<PendingCharge> due(String deliveryId, int attempt);
}
