package org.rispacs.api.report;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Actor;

@Revision("1")
public record ReportDraftedEvent(
        String reportId,
        String orderId,
        String studyInstanceUid,
        Actor author,
        String text) {
}
