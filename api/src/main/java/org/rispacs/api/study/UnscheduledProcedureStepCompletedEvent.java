package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record UnscheduledProcedureStepCompletedEvent(
        String performedStepUid,
        String studyInstanceUid,
        List<String> performedSeriesUids) implements ConcernsStudy {
}
