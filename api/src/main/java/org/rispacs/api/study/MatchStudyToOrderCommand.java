package org.rispacs.api.study;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

public record MatchStudyToOrderCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String orderId,
        PatientIdentifier patient) {
}
