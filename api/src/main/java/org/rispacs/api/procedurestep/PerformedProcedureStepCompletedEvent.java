package org.rispacs.api.procedurestep;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

/** The scheduled step of an order was completed by MPPS; the step may no longer be updated. */
@Revision("1")
public record PerformedProcedureStepCompletedEvent(
        String performedStepUid,
        String orderId,
        List<String> performedSeriesUids) implements ConcernsOrder {
}
