package org.rispacs.api.report;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Actor;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsReport;

@Revision("1")
public record ReportAddendedEvent(
        String reportId,
        String orderId,
        int addendumNumber,
        Actor author,
        String text) implements ConcernsReport, ConcernsOrder {
}
