package org.rispacs.api.order;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record ProcedureStepCompletedEvent(
        String orderId,
        CompletionSource source,
        String performedStepUid,
        List<String> performedSeriesUids) implements ConcernsOrder {
}
