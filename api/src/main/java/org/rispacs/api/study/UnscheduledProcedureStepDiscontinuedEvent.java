package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record UnscheduledProcedureStepDiscontinuedEvent(
        String performedStepUid,
        String studyInstanceUid,
        String reason) implements ConcernsStudy {
}
