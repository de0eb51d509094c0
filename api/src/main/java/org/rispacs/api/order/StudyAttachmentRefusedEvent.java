package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsStudy;
import org.rispacs.api.study.UnmatchedReason;

/** The order would not take the study, and why; the study becomes unmatched. */
@Revision("1")
public record StudyAttachmentRefusedEvent(
        String orderId,
        String studyInstanceUid,
        UnmatchedReason reason,
        String detail) implements ConcernsOrder, ConcernsStudy {
}
