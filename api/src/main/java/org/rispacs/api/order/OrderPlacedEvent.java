package org.rispacs.api.order;

import org.rispacs.api.common.PatientIdentifier;

public record OrderPlacedEvent(
        String orderId,
        PatientIdentifier patient,
        String procedureCode,
        String modality,
        OrderPriority priority) {
}
