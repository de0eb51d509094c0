package org.rispacs.api.study;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UnscheduledProcedureStepDiscontinuedEvent(
        String performedStepUid,
        String studyInstanceUid,
        String reason) {
}
