package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsReceivedStudy;

@Revision("1")
public record StudyUnmatchedEvent(
        String studyInstanceUid,
        UnmatchedReason reason,
        String detail,
        ReceivedStudyAttributes attributes) implements ConcernsReceivedStudy {
}
