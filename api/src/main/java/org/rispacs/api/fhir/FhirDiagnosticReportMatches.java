package org.rispacs.api.fhir;

import java.util.List;

/** The reports a {@link SearchFhirDiagnosticReportsQuery} found, and whether more than its limit matched. */
public record FhirDiagnosticReportMatches(List<FhirDiagnosticReport> reports, long total) {

    public FhirDiagnosticReportMatches {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }
}
