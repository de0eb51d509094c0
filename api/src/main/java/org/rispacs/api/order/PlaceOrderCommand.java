package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

public record PlaceOrderCommand(
        @TargetAggregateIdentifier String orderId,
        PatientIdentifier patient,
        String procedureCode,
        String modality,
        OrderPriority priority) {
}
