package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UnscheduledProcedureStepCompletedEvent(
        String performedStepUid,
        String studyInstanceUid,
        List<String> performedSeriesUids) {
}
