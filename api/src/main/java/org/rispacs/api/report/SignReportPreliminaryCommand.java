package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

/**
 * Preliminary signature, by a resident or a radiologist.
 *
 * @param basedOnRevision the text revision the signer read (see {@link ReviseReportCommand}); null: not checked
 */
public record SignReportPreliminaryCommand(
        @TargetAggregateIdentifier String reportId,
        Actor signer,
        Integer basedOnRevision) {

    public SignReportPreliminaryCommand(String reportId, Actor signer) {
        this(reportId, signer, null);
    }
}
