package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

public record SignReportPreliminaryCommand(
        @TargetAggregateIdentifier String reportId,
        Actor signer) {
}
