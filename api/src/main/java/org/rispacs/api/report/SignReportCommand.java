package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

/** Final signature; only a radiologist may sign. */
public record SignReportCommand(
        @TargetAggregateIdentifier String reportId,
        Actor signer) {
}
