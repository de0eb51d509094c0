package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ProcedureRescheduledEvent(
        String orderId,
        LocalDateTime scheduledStart,
        String stationAeTitle,
        String stationName,
        String location) {
}
