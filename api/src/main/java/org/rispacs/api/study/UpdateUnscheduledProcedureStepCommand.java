package org.rispacs.api.study;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An MPPS N-SET of an unscheduled step: {@code status} COMPLETED or DISCONTINUED finishes it,
 * IN PROGRESS or null changes nothing; refused once it is finished.
 */
public record UpdateUnscheduledProcedureStepCommand(
        @TargetAggregateIdentifier String performedStepUid,
        String status,
        List<String> performedSeriesUids,
        String discontinuationReason) {
}
