package org.rispacs.api.procedurestep;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

/** The scheduled step of an order was discontinued by MPPS; the step may no longer be updated. */
@Revision("1")
public record PerformedProcedureStepDiscontinuedEvent(
        String performedStepUid,
        String orderId,
        String reason) implements ConcernsOrder {
}
