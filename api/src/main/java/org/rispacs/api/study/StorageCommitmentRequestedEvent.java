package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record StorageCommitmentRequestedEvent(
        String studyInstanceUid,
        String transactionUid,
        List<String> sopInstanceUids,
        String requestingAeTitle) implements ConcernsStudy {
}
