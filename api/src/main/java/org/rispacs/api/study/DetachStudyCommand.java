package org.rispacs.api.study;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A study replaced on its order goes back to the unmatched studies, with the reason. */
public record DetachStudyCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String orderId,
        String detachedBy,
        String reason) {
}
