package org.rispacs.api.fhir;

import java.util.List;

/**
 * Signed reports (never drafts) matching every criterion given (a null one is not applied); answered with
 * {@link FhirDiagnosticReportMatches}: the {@code limit} reports after the first {@code offset}, ordered by
 * report id, with the number of all that match.
 *
 * @param patientResourceId the FHIR id of the order's patient ({@link FhirPatientIds#of})
 * @param orderId           the order reported on
 * @param studyInstanceUid  the study read
 * @param statuses          any of these statuses; empty: any signed one
 * @param offset            how many matches to skip
 * @param limit             the most reports answered
 */
public record SearchFhirDiagnosticReportsQuery(
        String patientResourceId,
        String orderId,
        String studyInstanceUid,
        List<FhirReportStatus> statuses,
        int offset,
        int limit) {

    public SearchFhirDiagnosticReportsQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
