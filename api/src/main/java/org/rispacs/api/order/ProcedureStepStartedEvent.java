package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record ProcedureStepStartedEvent(
        String orderId,
        String performedStepUid,
        String stationAeTitle,
        LocalDateTime startedAt) implements ConcernsOrder {
}
