package org.rispacs.query.fhir;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirReportAddendum;
import org.rispacs.api.fhir.FhirReportStatus;

/**
 * A report of the {@code fhir-diagnostic-reports} index, with what it needs of its order (patient, procedure)
 * and study (date and time) copied in, so that one document answers a read and a search. {@code text} is the
 * text as signed (preliminary, then final); {@code draftText} the text as last saved, signed or not.
 */
record FhirReportDocument(
        String reportId,
        String orderId,
        String studyInstanceUid,
        String patientResourceId,
        String patientId,
        String issuerOfPatientId,
        String procedureCode,
        String procedureScheme,
        String procedureMeaning,
        String studyDate,
        String studyTime,
        FhirReportStatus status,
        String draftText,
        String text,
        String signer,
        Instant signedAt,
        List<FhirReportAddendum> addenda,
        Long version,
        Instant lastUpdated) {

    FhirReportDocument {
        addenda = addenda == null ? List.of() : List.copyOf(addenda);
    }

    FhirDiagnosticReport answer() {
        PatientIdentifier patient = patientId == null || issuerOfPatientId == null ? null
                : new PatientIdentifier(patientId, issuerOfPatientId);
        ProcedureCode procedure = procedureCode == null && procedureMeaning == null ? null
                : new ProcedureCode(procedureCode, procedureScheme, procedureMeaning);
        return new FhirDiagnosticReport(reportId, orderId, studyInstanceUid, patient, procedure, studyDate, studyTime,
                status, text, signer, signedAt, addenda, version == null ? 0 : version, lastUpdated);
    }
}
