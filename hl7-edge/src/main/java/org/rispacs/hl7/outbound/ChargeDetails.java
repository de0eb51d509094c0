package org.rispacs.hl7.outbound;

import java.time.Instant;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;

/** Everything a DFT^P03 carries about one captured charge. */
public record ChargeDetails(
        String chargeId,
        PatientIdentifier patient,
        PersonName patientName,
        String placerOrderNumber,
        String accessionNumber,
        ProcedureCode procedure,
        String modality,
        Instant capturedAt) {
}
