package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.study.StudyLinkMode;

/** The order's half of a reconciliation: it accepts the study in the given mode or refuses it. */
public record LinkStudyToOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String studyInstanceUid,
        StudyLinkMode mode,
        String linkedBy,
        String note) {
}
