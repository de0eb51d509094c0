package org.rispacs.api.procedurestep;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * MPPS N-SET: {@code status} COMPLETED or DISCONTINUED finishes the step, IN_PROGRESS or null
 * changes nothing; refused with UNKNOWN for a step never started and with ILLEGAL_TRANSITION
 * once it is finished (DICOM: "may no longer be updated").
 */
public record UpdatePerformedProcedureStepCommand(
        @TargetAggregateIdentifier String performedStepUid,
        PerformedStepStatus status,
        List<String> performedSeriesUids,
        String discontinuationReason) {
}
