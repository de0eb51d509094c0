package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record OrderUpdatedEvent(
        String orderId,
        ProcedureCode procedure,
        OrderPriority priority,
        String reason,
        String orderingProvider) implements ConcernsOrder {
}
