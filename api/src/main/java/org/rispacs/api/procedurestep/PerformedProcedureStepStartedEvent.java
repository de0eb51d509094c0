package org.rispacs.api.procedurestep;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;

/**
 * A modality started the scheduled step of an order (the order records it as
 * {@code ProcedureStepStartedEvent}). An unscheduled step is recorded as
 * {@code UnscheduledProcedureStepStartedEvent} instead.
 */
@Revision("1")
public record PerformedProcedureStepStartedEvent(
        String performedStepUid,
        String orderId,
        String stationAeTitle,
        LocalDateTime startedAt) implements ConcernsOrder {
}
