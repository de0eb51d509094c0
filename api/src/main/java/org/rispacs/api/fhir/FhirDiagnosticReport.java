package org.rispacs.api.fhir;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;

/**
 * A radiology report as the FHIR edge shows it.
 *
 * @param reportId         the report aggregate's id, the DiagnosticReport's logical id
 * @param orderId          the order it reports on (the ServiceRequest's id)
 * @param studyInstanceUid the study it reads (the ImagingStudy's id)
 * @param patient          the order's patient, or null if the order was never seen
 * @param procedure        the order's requested procedure, or null
 * @param studyDate        the study's date as the images carried it (DICOM {@code YYYYMMDD}), or null
 * @param studyTime        the study's time ({@code HHMMSS.FFFFFF}), or null
 * @param text             the text as signed: preliminary (revisions after that belong to the final version),
 *                         then final; null while a draft
 * @param signer           who signed it (preliminary, then final), or null while a draft
 * @param signedAt         when it was signed (preliminary, then final)
 * @param addenda          the addenda after the final signature, in order
 * @param version          the report aggregate's version: the sequence number of its last event plus one
 * @param lastUpdated      the time of that event
 */
public record FhirDiagnosticReport(
        String reportId,
        String orderId,
        String studyInstanceUid,
        PatientIdentifier patient,
        ProcedureCode procedure,
        String studyDate,
        String studyTime,
        FhirReportStatus status,
        String text,
        String signer,
        Instant signedAt,
        List<FhirReportAddendum> addenda,
        long version,
        Instant lastUpdated) {

    public FhirDiagnosticReport {
        addenda = addenda == null ? List.of() : List.copyOf(addenda);
    }
}
