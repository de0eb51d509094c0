package org.rispacs.api.study;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsReceivedStudy;

/** A procedure step performed without an order; its study is unmatched until someone reconciles it. */
@Revision("1")
public record UnscheduledProcedureStepStartedEvent(
        String performedStepUid,
        String studyInstanceUid,
        String stationAeTitle,
        LocalDateTime startedAt,
        ReceivedStudyAttributes attributes) implements ConcernsReceivedStudy {
}
