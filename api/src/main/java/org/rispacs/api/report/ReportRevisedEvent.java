package org.rispacs.api.report;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Actor;

@Revision("1")
public record ReportRevisedEvent(
        String reportId,
        Actor author,
        String text) {
}
