package org.rispacs.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Actor;

/**
 * A new text for a report not yet signed final.
 *
 * @param basedOnRevision the report's text revision the author edited (1 for the draft, one more per revision
 *                        that changed the text); a different text saved since is refused rather than
 *                        overwritten. Null: not checked (callers that never show the text first).
 */
public record ReviseReportCommand(
        @TargetAggregateIdentifier String reportId,
        Actor author,
        String text,
        Integer basedOnRevision) {

    public ReviseReportCommand(String reportId, Actor author, String text) {
        this(reportId, author, text, null);
    }
}
