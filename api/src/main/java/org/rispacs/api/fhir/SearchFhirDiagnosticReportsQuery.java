package org.rispacs.api.fhir;

import java.util.List;

/**
 * Signed reports (never drafts) matching every criterion given (a null one is not applied); answered with
 * {@link FhirDiagnosticReportMatches}, at most {@code limit} of them, ordered by report id.
 *
 * @param patientResourceId the FHIR id of the order's patient ({@link FhirPatientIds#of})
 * @param orderId           the order reported on
 * @param studyInstanceUid  the study read
 * @param statuses          any of these statuses; empty: any signed one
 * @param limit             the most reports answered
 */
public record SearchFhirDiagnosticReportsQuery(
        String patientResourceId,
        String orderId,
        String studyInstanceUid,
        List<FhirReportStatus> statuses,
        int limit) {

    public SearchFhirDiagnosticReportsQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
