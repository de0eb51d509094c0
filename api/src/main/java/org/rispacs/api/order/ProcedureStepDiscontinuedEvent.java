package org.rispacs.api.order;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProcedureStepDiscontinuedEvent(
        String orderId,
        String performedStepUid,
        String reason) {
}
