package org.rispacs.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;

public record CaptureChargeCommand(
        @TargetAggregateIdentifier String chargeId,
        String orderId,
        String studyInstanceUid,
        PatientIdentifier patient,
        ProcedureCode procedure,
        String modality) {
}
