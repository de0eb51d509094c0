package org.rispacs.fhir.subscription;

import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Resource;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.fhir.FindFhirDiagnosticReportQuery;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.fhir.imaging.ImagingStudyResources;
import org.rispacs.fhir.report.DiagnosticReportResources;
import org.rispacs.fhir.server.KnownPatients;

/** A notification's focus as our FHIR server shows it now: the DiagnosticReport or the ImagingStudy. */
public final class FocusResources {

    private final QueryGateway queries;
    private final DiagnosticReportResources reports;
    private final ImagingStudyResources studies;

    public FocusResources(QueryGateway queries, DiagnosticReportResources reports, ImagingStudyResources studies) {
        this.queries = queries;
        this.reports = reports;
        this.studies = studies;
    }

    /** The focus resource, or empty when the read model does not show it (a draft is never shown). */
    public Optional<Resource> focus(SubscriptionTopic topic, String focusId) {
        return switch (topic) {
            case REPORT_FINALIZED -> queries.query(new FindFhirDiagnosticReportQuery(focusId),
                            ResponseTypes.optionalInstanceOf(FhirDiagnosticReport.class)).join()
                    .filter(report -> report.status() != FhirReportStatus.DRAFT).map(reports::toResource);
            case STUDY_AVAILABLE -> queries.query(new FindFhirImagingStudyQuery(focusId),
                            ResponseTypes.optionalInstanceOf(FhirImagingStudy.class)).join()
                    .map(study -> studies.toResource(study, KnownPatients.of(queries)));
        };
    }
}
