package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

public record AddendReportCommand(
        @TargetAggregateIdentifier String reportId,
        Actor author,
        String text) {
}
