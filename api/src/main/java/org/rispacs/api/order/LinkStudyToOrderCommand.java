package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order's half of a reconciliation: it accepts the study in the given mode or refuses it. */
public record LinkStudyToOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String studyInstanceUid,
        StudyLinkMode mode,
        String linkedBy,
        String note) {
}
