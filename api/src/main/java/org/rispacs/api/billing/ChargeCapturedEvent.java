package org.rispacs.api.billing;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.concerns.ConcernsCharge;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatient;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record ChargeCapturedEvent(
        String chargeId,
        String orderId,
        String studyInstanceUid,
        PatientIdentifier patient,
        ProcedureCode procedure,
        String modality) implements ConcernsCharge, ConcernsOrder, ConcernsStudy, ConcernsPatient {
}
