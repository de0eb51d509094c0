package org.rispacs.api.study;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RequestStorageCommitmentCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String transactionUid,
        List<String> sopInstanceUids,
        String requestingAeTitle) {
}
