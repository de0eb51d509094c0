package org.rispacs.query.fhir;

import java.util.List;

/**
 * A document of the {@code fhir-report-links} index: an order ({@code order:<id>}: its patient and procedure)
 * or a study ({@code study:<uid>}: its date and time) as the reports on it need them, with those reports' ids
 * so that a later change reaches them.
 */
record FhirReportLink(
        String patientId,
        String issuerOfPatientId,
        String procedureCode,
        String procedureScheme,
        String procedureMeaning,
        String studyDate,
        String studyTime,
        List<String> reportIds) {

    FhirReportLink {
        reportIds = reportIds == null ? List.of() : List.copyOf(reportIds);
    }
}
