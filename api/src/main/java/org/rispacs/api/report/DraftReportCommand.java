package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

public record DraftReportCommand(
        @TargetAggregateIdentifier String reportId,
        String orderId,
        String studyInstanceUid,
        Actor author,
        String text) {
}
