package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;

@Revision("1")
public record OrderPatientReassignedEvent(
        String orderId,
        PatientIdentifier previous,
        PatientIdentifier patient) {
}
