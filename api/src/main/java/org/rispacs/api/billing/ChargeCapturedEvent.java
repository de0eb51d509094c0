package org.rispacs.api.billing;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;

@Revision("1")
public record ChargeCapturedEvent(
        String chargeId,
        String orderId,
        String studyInstanceUid,
        PatientIdentifier patient,
        ProcedureCode procedure,
        String modality) {
}
