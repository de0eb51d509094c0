package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsDelivery;

/** The outcome of one attempt: acknowledged (AA), or the ACK code / error that made it fail. */
@Revision("1")
public record DeliveryAttemptedEvent(
        String deliveryId,
        int attempt,
        boolean acknowledged,
        String ackCode,
        String error) implements ConcernsDelivery {
}
