package org.rispacs.hl7.outbound;

import java.time.Instant;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.Visit;

/**
 * Everything a DFT^P03 carries about one captured charge.
 *
 * @param placerNamespace  the namespace of the placer order number (EI-2), null when none was sent
 * @param orderingProvider who ordered the procedure (FT1-21), null when the order names none
 * @param visit            the encounter the order belongs to (PV1, FT1-16), null when unknown
 * @param diagnosis        the coded diagnosis the order carried (FT1-19), null when none
 * @param performedBy      who performed the procedure (FT1-20): the technologist, else the station; null when
 *                         unknown
 */
public record ChargeDetails(
        String chargeId,
        PatientIdentifier patient,
        PersonName patientName,
        String placerOrderNumber,
        String placerNamespace,
        String accessionNumber,
        ProcedureCode procedure,
        String modality,
        Instant capturedAt,
        Provider orderingProvider,
        Visit visit,
        ProcedureCode diagnosis,
        Provider performedBy) {
}
