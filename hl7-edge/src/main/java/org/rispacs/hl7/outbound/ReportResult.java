package org.rispacs.hl7.outbound;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.ResultStatus;

/**
 * Everything an ORU^R01 carries about one report version.
 *
 * @param patientName       may be null when the patient was never registered with demographics
 * @param placerOrderNumber may be null for orders placed without one
 * @param text              the report text as signed, followed by the addenda of a corrected version
 * @param signer            who signed this version (the addendum's author for a corrected one)
 * @param signedAt          when this version was signed
 */
public record ReportResult(
        PatientIdentifier patient,
        PersonName patientName,
        String placerOrderNumber,
        String accessionNumber,
        ProcedureCode procedure,
        List<String> text,
        Actor signer,
        Instant signedAt,
        ResultStatus status) {
}
