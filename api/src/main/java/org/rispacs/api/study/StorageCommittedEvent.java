package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsStudy;

/** {@code studyComplete}: every instance the study holds is now committed. */
@Revision("1")
public record StorageCommittedEvent(
        String studyInstanceUid,
        String transactionUid,
        List<String> committedSopInstanceUids,
        List<String> failedSopInstanceUids,
        boolean studyComplete) implements ConcernsStudy {
}
