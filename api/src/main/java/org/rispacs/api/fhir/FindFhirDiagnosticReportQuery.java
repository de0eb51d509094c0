package org.rispacs.api.fhir;

/** Asks for one report by its id; answered with a {@link FhirDiagnosticReport} (drafts included), or nothing. */
public record FindFhirDiagnosticReportQuery(String reportId) {
}
