package org.rispacs.query.fhir;

import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirDiagnosticReportVersions;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;

/**
 * A report's DiagnosticReport at each of its versions ({@link ProjectionReplay}): one per event of the report
 * aggregate, drafts included (the FHIR edge never shows those). What a report copies from its order (patient,
 * procedure) and study (date and time) changes no version of it, so the read model shows it as it is now at the
 * report's current version; the order's and the study's events are replayed before the report's, so that every
 * version shows them as they are now and the newest is exactly what a read answers.
 */
public final class FhirDiagnosticReportReplay {

    private FhirDiagnosticReportReplay() {
    }

    /**
     * The versions, oldest first.
     *
     * @param context the events of the report's order and study, in their order
     * @param report  the report's events, in their order
     */
    public static FhirDiagnosticReportVersions of(String reportId, Stream<? extends EventMessage<?>> context,
                                                  Stream<? extends EventMessage<?>> report) {
        InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
        FhirDiagnosticReportProjection projection = new FhirDiagnosticReportProjection(indexes);
        InMemoryReadModelIndex reports = indexes.index(FhirDiagnosticReportProjection.REPORTS);
        return new FhirDiagnosticReportVersions(ProjectionReplay.versions("report " + reportId, projection, () -> {
            FhirReportDocument document = reports.find(reportId, FhirReportDocument.class);
            return document == null ? null : document.answer();
        }, FhirDiagnosticReport::version, Stream.concat(context, report)));
    }
}
