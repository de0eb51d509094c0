package org.rispacs.api.study;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

/** A person links an unmatched study to an order and/or a patient. */
public record ReconcileStudyCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String orderId,
        PatientIdentifier patient,
        String reconciledBy,
        String note) {
}
