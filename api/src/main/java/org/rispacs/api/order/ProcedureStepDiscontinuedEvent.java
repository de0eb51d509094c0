package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record ProcedureStepDiscontinuedEvent(
        String orderId,
        String performedStepUid,
        String reason) implements ConcernsOrder {
}
