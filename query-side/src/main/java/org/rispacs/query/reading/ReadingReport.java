package org.rispacs.query.reading;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.rispacs.api.reading.ReportStatus;

/** A reading worklist order's report and how far it got; an event that does not name the report leaves it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReadingReport(String reportId, ReportStatus reportStatus) {
}
