package org.rispacs.api.fhir;

/** Every version of a report's DiagnosticReport, from its events: {@link FhirDiagnosticReportVersions}. */
public record FindFhirDiagnosticReportHistoryQuery(String reportId) {
}
