package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StorageCommitmentRequestedEvent(
        String studyInstanceUid,
        String transactionUid,
        List<String> sopInstanceUids,
        String requestingAeTitle) {
}
