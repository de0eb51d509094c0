package org.rispacs.api.report;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Actor;
import org.rispacs.api.concerns.ConcernsReport;

@Revision("1")
public record ReportRevisedEvent(
        String reportId,
        Actor author,
        String text) implements ConcernsReport {
}
