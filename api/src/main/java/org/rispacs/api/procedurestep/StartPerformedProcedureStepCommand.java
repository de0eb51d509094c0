package org.rispacs.api.procedurestep;

import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.study.ReceivedStudyAttributes;

/**
 * MPPS N-CREATE (status IN PROGRESS), keyed by the MPPS SOP Instance UID: performs the scheduled
 * step the references name, or, when no order awaits one of them, is recorded as an unscheduled
 * step of the study they name, with what the modality said it performed.
 */
public record StartPerformedProcedureStepCommand(
        @TargetAggregateIdentifier String performedStepUid,
        List<ScheduledStepReference> references,
        String stationAeTitle,
        LocalDateTime startedAt,
        ReceivedStudyAttributes performed) {
}
