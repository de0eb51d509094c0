package org.rispacs.api.study;

import java.time.LocalDateTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A modality started a procedure step that matches no scheduled one (IHE SWF "unscheduled case"):
 * kept under its MPPS SOP Instance UID, for the study the modality created.
 */
public record StartUnscheduledProcedureStepCommand(
        @TargetAggregateIdentifier String performedStepUid,
        String studyInstanceUid,
        String stationAeTitle,
        LocalDateTime startedAt,
        ReceivedStudyAttributes attributes) {
}
