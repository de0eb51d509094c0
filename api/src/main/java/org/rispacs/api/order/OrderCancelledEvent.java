package org.rispacs.api.order;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderCancelledEvent(
        String orderId,
        String reason) {
}
