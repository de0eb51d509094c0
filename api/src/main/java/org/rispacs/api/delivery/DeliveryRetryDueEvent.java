package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;

/** The back-off after a failed attempt has passed: the sender tries again. */
@Revision("1")
public record DeliveryRetryDueEvent(
        String deliveryId,
        DeliveryKind kind,
        int attempt) implements ConcernsDelivery {
}
