package org.rispacs.api.study;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordStorageCommitmentCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String transactionUid,
        List<String> committedSopInstanceUids,
        List<String> failedSopInstanceUids) {
}
