package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record ProcedureRescheduledEvent(
        String orderId,
        LocalDateTime scheduledStart,
        String stationAeTitle,
        String stationName,
        String location) implements ConcernsOrder {
}
