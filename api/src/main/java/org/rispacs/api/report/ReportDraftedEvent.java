package org.rispacs.api.report;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Actor;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsReport;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record ReportDraftedEvent(
        String reportId,
        String orderId,
        String studyInstanceUid,
        Actor author,
        String text) implements ConcernsReport, ConcernsOrder, ConcernsStudy {
}
