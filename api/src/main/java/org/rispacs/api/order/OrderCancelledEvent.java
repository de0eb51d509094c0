package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record OrderCancelledEvent(
        String orderId,
        String reason) implements ConcernsOrder {
}
