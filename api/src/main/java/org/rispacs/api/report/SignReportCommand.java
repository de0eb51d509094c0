package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

/**
 * Final signature; only a radiologist may sign.
 *
 * @param basedOnRevision the text revision the signer read (see {@link ReviseReportCommand}); refused if the text
 *                        changed since, so nobody signs a text they have not seen. Null: not checked.
 */
public record SignReportCommand(
        @TargetAggregateIdentifier String reportId,
        Actor signer,
        Integer basedOnRevision) {

    public SignReportCommand(String reportId, Actor signer) {
        this(reportId, signer, null);
    }
}
