package org.rispacs.api.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Completes the procedure: by MPPS (after a start), by a technologist, or when the study is committed. */
public record CompleteProcedureStepCommand(
        @TargetAggregateIdentifier String orderId,
        CompletionSource source,
        String performedStepUid,
        List<String> performedSeriesUids) {
}
