package org.rispacs.hl7.outbound;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.order.Visit;

/**
 * Everything an ORU^R01 carries about one report version. What the placer sent with the order
 * (namespace, provider, OBR-24, visit) is echoed, so the EHR files the result where it belongs.
 *
 * @param patientName       may be null when the patient was never registered with demographics
 * @param placerOrderNumber may be null for orders placed without one
 * @param placerNamespace   the namespace of the placer order number (EI-2), null when none was sent
 * @param orderingProvider  null when the order names none
 * @param serviceSection    OBR-24 as the placer sent it, null when none
 * @param visit             the encounter (PV1) as the placer sent it, null when unknown
 * @param text              the report text as signed, followed by the addenda of a corrected version
 * @param signer            who signed this version (the addendum's author for a corrected one)
 * @param signedAt          when this version was signed
 * @param observedAt        when the procedure was performed, as far as the workflow knows, else the signing
 *                          time (OBR-7)
 */
public record ReportResult(
        PatientIdentifier patient,
        PersonName patientName,
        String placerOrderNumber,
        String placerNamespace,
        String accessionNumber,
        ProcedureCode procedure,
        Provider orderingProvider,
        String serviceSection,
        Visit visit,
        List<String> text,
        Actor signer,
        Instant signedAt,
        Instant observedAt,
        ResultStatus status) {
}
