package org.rispacs.api.fhir;

import java.util.List;
import java.util.Optional;

/** The versions of a report's DiagnosticReport, oldest first, drafts included; none when there is no such report. */
public record FhirDiagnosticReportVersions(List<FhirDiagnosticReport> versions) {

    public FhirDiagnosticReportVersions {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** The version numbered {@code version}, if the report had it. */
    public Optional<FhirDiagnosticReport> version(long version) {
        return versions.stream().filter(one -> one.version() == version).findFirst();
    }
}
