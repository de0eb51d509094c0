package org.rispacs.api.report;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Actor;
import org.rispacs.api.concerns.ConcernsReport;

@Revision("1")
public record ReportSignedPreliminaryEvent(
        String reportId,
        Actor signer) implements ConcernsReport {
}
