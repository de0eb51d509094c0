package org.rispacs.api.study;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkStudyUnmatchedCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        UnmatchedReason reason,
        String detail) {
}
