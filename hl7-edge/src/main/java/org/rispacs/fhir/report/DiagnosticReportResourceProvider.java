package org.rispacs.fhir.report;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.IdType;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirDiagnosticReportMatches;
import org.rispacs.api.fhir.FhirDiagnosticReportVersions;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.fhir.FindFhirDiagnosticReportHistoryQuery;
import org.rispacs.api.fhir.FindFhirDiagnosticReportQuery;
import org.rispacs.api.fhir.SearchFhirDiagnosticReportsQuery;
import org.rispacs.fhir.server.Included;
import org.rispacs.fhir.server.IncludeNames;
import org.rispacs.fhir.server.IncludedFor;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.server.PatientDataViews;
import org.rispacs.fhir.server.ResourceHistory;
import org.rispacs.fhir.server.SearchPage;

/**
 * {@code DiagnosticReport}: read, vread and history (each version of the report as it was, from its events), and
 * search by patient, based-on (the order), imaging-study and status (combined:
 * all must hold), with {@code _include} of the order, the study and the patient ({@link IncludedFor}).
 * Only signed reports (preliminary or final) are results: a draft is never shown, not even by id.
 * Answers from the FHIR reports read model through the query bus and keeps nothing itself; every answer that shows
 * a report is recorded as an access to its patient. Searches are answered a page at a time ({@link PageRequest}).
 */
public class DiagnosticReportResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-diagnostic-report";
    static final String SEARCH_VIEW = "fhir-diagnostic-report-search";
    static final String VERSION_VIEW = "fhir-diagnostic-report-version";
    static final String HISTORY_VIEW = "fhir-diagnostic-report-history";
    static final String SP_IMAGING_STUDY = "imaging-study";
    static final String STATUS_SYSTEM = "http://hl7.org/fhir/diagnostic-report-status";
    private static final ResourceHistory<FhirDiagnosticReport> HISTORY = new ResourceHistory<>("DiagnosticReport",
            FhirDiagnosticReport::reportId, FhirDiagnosticReport::version);

    private final QueryGateway queries;
    private final DiagnosticReportResources resources;
    private final PatientDataViews views;
    private final IncludedFor<FhirDiagnosticReport> included;

    public DiagnosticReportResourceProvider(QueryGateway queries, DiagnosticReportResources resources,
                                            PatientDataViews views, IncludedFor<FhirDiagnosticReport> included) {
        this.queries = queries;
        this.resources = resources;
        this.views = views;
        this.included = included;
    }

    @Override
    public Class<DiagnosticReport> getResourceType() {
        return DiagnosticReport.class;
    }

    @Read(version = true)
    public DiagnosticReport read(@IdParam IdType id, HttpServletRequest request) {
        if (id.hasVersionIdPart()) {
            FhirDiagnosticReport version = HISTORY.version(id, versions(id));
            views.viewed(request, VERSION_VIEW, patients(List.of(version)));
            return HISTORY.versioned(version, resources::toResource);
        }
        FhirDiagnosticReport report = queries.query(new FindFhirDiagnosticReportQuery(id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(FhirDiagnosticReport.class)).join()
                .filter(found -> found.status() != FhirReportStatus.DRAFT)
                .orElseThrow(() -> new ResourceNotFoundException(id));
        views.viewed(request, READ_VIEW, patients(List.of(report)));
        return resources.toResource(report);
    }

    /** Every signed version of the report, newest first, each as it was: the report's events replayed. */
    @History
    public List<DiagnosticReport> history(@IdParam IdType id, HttpServletRequest request) {
        List<FhirDiagnosticReport> versions = versions(id);
        List<DiagnosticReport> answer = HISTORY.newestFirst(id, versions, resources::toResource);
        views.viewed(request, HISTORY_VIEW, patients(versions));
        return answer;
    }

    /** The report's versions that a read could have answered: drafts are never shown. */
    private List<FhirDiagnosticReport> versions(IdType id) {
        return queries.query(new FindFhirDiagnosticReportHistoryQuery(id.getIdPart()),
                        ResponseTypes.instanceOf(FhirDiagnosticReportVersions.class)).join().versions().stream()
                .filter(version -> version.status() != FhirReportStatus.DRAFT).toList();
    }

    private static List<PatientIdentifier> patients(List<FhirDiagnosticReport> reports) {
        return reports.stream().map(FhirDiagnosticReport::patient).filter(Objects::nonNull).distinct().toList();
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = DiagnosticReport.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = DiagnosticReport.SP_BASED_ON) ReferenceParam basedOn,
            @OptionalParam(name = SP_IMAGING_STUDY) ReferenceParam imagingStudy,
            @OptionalParam(name = DiagnosticReport.SP_STATUS) TokenOrListParam status,
            @IncludeParam(allow = {IncludeNames.DIAGNOSTIC_REPORT_BASED_ON,
                    IncludeNames.DIAGNOSTIC_REPORT_IMAGING_STUDY, IncludeNames.DIAGNOSTIC_REPORT_PATIENT})
            Set<Include> includes,
            @Offset Integer offset,
            @Count Integer count,
            HttpServletRequest request) {
        if (patient == null && basedOn == null && imagingStudy == null && status == null) {
            throw new InvalidRequestException("a DiagnosticReport search needs patient, based-on, imaging-study or "
                    + "status");
        }
        String patientId = id(patient, DiagnosticReport.SP_PATIENT, "Patient");
        String orderId = id(basedOn, DiagnosticReport.SP_BASED_ON, "ServiceRequest");
        String studyUid = id(imagingStudy, SP_IMAGING_STUDY, "ImagingStudy");
        List<FhirReportStatus> statuses = statuses(status);
        PageRequest page = PageRequest.of(offset, count);
        if (status != null && statuses.isEmpty()) {
            return SearchPage.empty(page);
        }
        SearchFhirDiagnosticReportsQuery query = new SearchFhirDiagnosticReportsQuery(patientId, orderId, studyUid,
                statuses, page.offset(), page.count());
        FhirDiagnosticReportMatches matches = queries.query(query,
                ResponseTypes.instanceOf(FhirDiagnosticReportMatches.class)).join();
        Included besides = included.of(matches.reports(), includes, Set.of());
        views.viewed(request, SEARCH_VIEW, Stream.concat(matches.reports().stream().map(FhirDiagnosticReport::patient)
                .filter(Objects::nonNull), besides.patients().stream()).distinct().toList());
        return SearchPage.of(matches.reports().stream().map(resources::toResource).toList(), besides.resources(), page,
                matches.total());
    }

    /** The id a reference parameter names: {@code Type/id} or the id alone; another type or a chain is refused. */
    private static String id(ReferenceParam reference, String parameter, String type) {
        if (reference == null) {
            return null;
        }
        if (reference.getChain() != null || reference.getMissing() != null) {
            throw new InvalidRequestException(parameter + ": chains and modifiers are not supported");
        }
        String resourceType = reference.getResourceType();
        if (resourceType != null && !resourceType.equals(type)) {
            throw new InvalidRequestException(parameter + ": a " + type + " reference is expected, not "
                    + resourceType);
        }
        String id = reference.getIdPart();
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException(parameter + ": a " + type + " id is needed");
        }
        return id.strip();
    }

    /**
     * The statuses asked for (any of them). {@code amended} finds {@code appended} reports, which R4 defines as a
     * kind of amended; the other codes of the value set are never a report's status here and match nothing.
     */
    static List<FhirReportStatus> statuses(TokenOrListParam status) {
        if (status == null) {
            return List.of();
        }
        Set<FhirReportStatus> statuses = new LinkedHashSet<>();
        for (TokenParam token : status.getValuesAsQueryTokens()) {
            if (token.getModifier() != null || token.getMissing() != null) {
                throw new InvalidRequestException("status: modifiers are not supported");
            }
            if (token.getSystem() != null && !token.getSystem().isBlank()
                    && !token.getSystem().equals(STATUS_SYSTEM)) {
                throw new InvalidRequestException("status: the system is " + STATUS_SYSTEM);
            }
            DiagnosticReportStatus code;
            try {
                code = DiagnosticReportStatus.fromCode(token.getValue() == null ? null : token.getValue().strip());
            } catch (Exception unknown) {
                throw new InvalidRequestException("status: " + token.getValue() + " is no DiagnosticReport status");
            }
            if (code == null) {
                throw new InvalidRequestException("status: a code is needed");
            }
            switch (code) {
                case PRELIMINARY -> statuses.add(FhirReportStatus.PRELIMINARY);
                case FINAL -> statuses.add(FhirReportStatus.FINAL);
                case AMENDED, APPENDED -> statuses.add(FhirReportStatus.APPENDED);
                default -> {
                }
            }
        }
        return new ArrayList<>(statuses);
    }
}
