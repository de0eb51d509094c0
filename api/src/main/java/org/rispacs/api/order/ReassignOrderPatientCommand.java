package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

public record ReassignOrderPatientCommand(
        @TargetAggregateIdentifier String orderId,
        PatientIdentifier patient) {
}
