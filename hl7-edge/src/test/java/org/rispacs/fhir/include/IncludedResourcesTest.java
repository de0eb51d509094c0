package org.rispacs.fhir.include;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirDiagnosticReportMatches;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirImagingStudyMatches;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.FindFhirServiceRequestQuery;
import org.rispacs.api.fhir.SearchFhirDiagnosticReportsQuery;
import org.rispacs.api.fhir.SearchFhirImagingStudiesQuery;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.fhir.imaging.ImagingStudyResources;
import org.rispacs.fhir.patient.IdentifierSystems;
import org.rispacs.fhir.patient.PatientResources;
import org.rispacs.fhir.report.DiagnosticReportResources;
import org.rispacs.fhir.servicerequest.CodingSystems;
import org.rispacs.fhir.servicerequest.ServiceRequestResources;
import org.rispacs.fhir.servicerequest.ServiceRequestSystems;
import org.rispacs.fhir.server.IncludeNames;
import org.rispacs.fhir.server.Included;

/**
 * The included resources of a page of matches, answered by a real query bus whose handlers hold a small
 * department: two orders of one patient, the first with a study and a signed report, and a second report
 * on the same order and study.
 */
class IncludedResourcesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
    private static final Instant WHEN = Instant.parse("2026-12-07T09:30:00Z");
    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");
    private static final IdentifierSystems SYSTEMS = new IdentifierSystems(Map.of("HOSP",
            "http://hospital.example/mrn"));

    private final FhirServiceRequest order = order("O1");
    private final FhirServiceRequest otherOrder = order("O2");
    private final FhirImagingStudy study = study("1.2.3", "O1");
    private final FhirDiagnosticReport report = report("R1", "O1", "1.2.3");
    private final FhirDiagnosticReport secondReport = report("R2", "O1", "1.2.3");
    private final FhirPatient patient = new FhirPatient(FhirPatientIds.of(MUELLER), MUELLER, null, true, null,
            List.of(), 1, WHEN);
    private final List<Object> asked = new ArrayList<>();
    private final IncludedResources included = new IncludedResources(department(), new ServiceRequestResources(
            new ServiceRequestSystems("http://hospital.example/accession", "http://hospital.example/orders", SYSTEMS,
                    new CodingSystems(Map.of())), ZONE), new ImagingStudyResources(SYSTEMS, ZONE),
            new DiagnosticReportResources(SYSTEMS, ZONE), new PatientResources(SYSTEMS));

    @Test
    void ordersBringTheirStudiesReportsAndPatientEachOnce() {
        Included answer = included.ofServiceRequests(List.of(order, otherOrder),
                includes(IncludeNames.SERVICE_REQUEST_PATIENT),
                includes(IncludeNames.IMAGING_STUDY_BASEDON, IncludeNames.DIAGNOSTIC_REPORT_BASED_ON));

        assertThat(keys(answer)).containsExactly("Patient/" + FhirPatientIds.of(MUELLER), "ImagingStudy/1.2.3",
                "DiagnosticReport/R1", "DiagnosticReport/R2");
        assertThat(answer.patients()).containsExactly(MUELLER);
        assertThat(asked).as("one lookup per distinct key of each kind asked for").containsExactly(
                new FindFhirPatientQuery(FhirPatientIds.of(MUELLER)),
                new SearchFhirImagingStudiesQuery(null, null, null, "O1", List.of(), 0, 100),
                new SearchFhirImagingStudiesQuery(null, null, null, "O2", List.of(), 0, 100),
                new FindFhirPatientQuery(FhirPatientIds.of(MUELLER)),
                new SearchFhirDiagnosticReportsQuery(null, "O1", null, List.of(), 0, 100),
                new SearchFhirDiagnosticReportsQuery(null, "O2", null, List.of(), 0, 100));
        ImagingStudy included = (ImagingStudy) answer.resources().get(1);
        assertThat(included.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/O1");
        assertThat(included.getSubject().getReference()).as("its patient can be read")
                .isEqualTo("Patient/" + FhirPatientIds.of(MUELLER));
        assertThat(((DiagnosticReport) answer.resources().get(2)).getBasedOnFirstRep().getReference())
                .isEqualTo("ServiceRequest/O1");
    }

    @Test
    void onlyWhatIsAskedForIsLookedUp() {
        Included answer = included.ofServiceRequests(List.of(order), Set.of(),
                includes(IncludeNames.DIAGNOSTIC_REPORT_BASED_ON));

        assertThat(keys(answer)).containsExactly("DiagnosticReport/R1", "DiagnosticReport/R2");
        assertThat(asked).containsExactly(new SearchFhirDiagnosticReportsQuery(null, "O1", null, List.of(), 0, 100));

        asked.clear();
        Included nothing = included.ofServiceRequests(List.of(order), null, null);
        assertThat(nothing.resources()).isEmpty();
        assertThat(nothing.patients()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aStudyBringsItsOrderItsPatientAndTheReportsReadingIt() {
        Included answer = included.ofImagingStudies(List.of(study),
                includes(IncludeNames.IMAGING_STUDY_BASEDON, IncludeNames.IMAGING_STUDY_PATIENT),
                includes(IncludeNames.DIAGNOSTIC_REPORT_IMAGING_STUDY));

        assertThat(keys(answer)).containsExactly("ServiceRequest/O1", "Patient/" + FhirPatientIds.of(MUELLER),
                "DiagnosticReport/R1", "DiagnosticReport/R2");
        assertThat(answer.resources()).extracting(IBaseResource::getClass).containsExactly(ServiceRequest.class,
                Patient.class, DiagnosticReport.class, DiagnosticReport.class);
        assertThat(answer.patients()).containsExactly(MUELLER);
        assertThat(asked).contains(new SearchFhirDiagnosticReportsQuery(null, null, "1.2.3", List.of(), 0, 100));
    }

    @Test
    void reportsBringTheirOrderStudyAndPatientOnceThoughTwoShareThem() {
        Included answer = included.ofDiagnosticReports(List.of(report, secondReport, report("R3", "gone", "9.9")),
                includes(IncludeNames.DIAGNOSTIC_REPORT_BASED_ON,
                        IncludeNames.DIAGNOSTIC_REPORT_IMAGING_STUDY,
                        IncludeNames.DIAGNOSTIC_REPORT_PATIENT));

        assertThat(keys(answer)).as("what no longer exists is left out").containsExactly("ServiceRequest/O1",
                "ImagingStudy/1.2.3", "Patient/" + FhirPatientIds.of(MUELLER));
        assertThat(asked).filteredOn(FindFhirServiceRequestQuery.class::isInstance).containsExactly(
                new FindFhirServiceRequestQuery("O1"), new FindFhirServiceRequestQuery("gone"));
        assertThat(asked).filteredOn(FindFhirImagingStudyQuery.class::isInstance).containsExactly(
                new FindFhirImagingStudyQuery("1.2.3"), new FindFhirImagingStudyQuery("9.9"));
    }

    @Test
    void iterateIsRefused() {
        assertThatThrownBy(() -> included.ofDiagnosticReports(List.of(report),
                Set.of(new Include(IncludeNames.DIAGNOSTIC_REPORT_BASED_ON, true))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("iterate");
        assertThat(asked).isEmpty();
    }

    private static Set<Include> includes(String... values) {
        Set<Include> includes = new LinkedHashSet<>();
        for (String value : values) {
            includes.add(new Include(value));
        }
        return includes;
    }

    private static List<String> keys(Included answer) {
        return answer.resources().stream().map(resource -> resource.fhirType() + "/"
                + resource.getIdElement().getIdPart()).toList();
    }

    /** A query bus answering from this test's orders, study, reports and patient, noting every query asked. */
    private DefaultQueryGateway department() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        answer(bus, FindFhirServiceRequestQuery.class, FhirServiceRequest.class, query -> List.of(order, otherOrder)
                .stream().filter(one -> one.resourceId().equals(query.resourceId())).findFirst().orElse(null));
        answer(bus, FindFhirImagingStudyQuery.class, FhirImagingStudy.class,
                query -> query.studyInstanceUid().equals("1.2.3") ? study : null);
        answer(bus, FindFhirPatientQuery.class, FhirPatient.class,
                query -> query.resourceId().equals(patient.resourceId()) ? patient : null);
        answer(bus, SearchFhirImagingStudiesQuery.class, FhirImagingStudyMatches.class, query -> {
            List<FhirImagingStudy> found = Objects.equals(query.orderId(), "O1") ? List.of(study) : List.of();
            return new FhirImagingStudyMatches(found, found.size());
        });
        answer(bus, SearchFhirDiagnosticReportsQuery.class, FhirDiagnosticReportMatches.class, query -> {
            List<FhirDiagnosticReport> found = List.of(report, secondReport).stream()
                    .filter(one -> query.orderId() == null || one.orderId().equals(query.orderId()))
                    .filter(one -> query.studyInstanceUid() == null
                            || one.studyInstanceUid().equals(query.studyInstanceUid())).toList();
            return new FhirDiagnosticReportMatches(found, found.size());
        });
        return DefaultQueryGateway.builder().queryBus(bus).build();
    }

    private <Q, R> void answer(SimpleQueryBus bus, Class<Q> query, Class<R> response, Function<Q, R> handler) {
        bus.subscribe(query.getName(), response, (QueryMessage<?, R> message) -> {
            Q payload = query.cast(message.getPayload());
            synchronized (asked) {
                asked.add(payload);
            }
            return handler.apply(payload);
        });
    }

    private static FhirServiceRequest order(String orderId) {
        return new FhirServiceRequest(orderId, MUELLER, FhirOrderState.COMPLETED, null, "ACC-" + orderId,
                new ProcedureCode("CTCH", null, "CT chest"), "CT", OrderPriority.ROUTINE, null, null, WHEN, null, 3,
                WHEN);
    }

    private static FhirImagingStudy study(String studyUid, String orderId) {
        ArchivedIdentity identity = new ArchivedIdentity("P1", "HOSP", "Müller^Hans", null, null, "ACC-" + orderId);
        return new FhirImagingStudy(new ArchivedStudyContents(new ArchivedStudy(studyUid, "20261207", null, null,
                null, null, List.of("CT"), List.of(), 0, 0, identity, identity, orderId), null, null), 1, WHEN);
    }

    private static FhirDiagnosticReport report(String reportId, String orderId, String studyUid) {
        return new FhirDiagnosticReport(reportId, orderId, studyUid, MUELLER, null, null, null, FhirReportStatus.FINAL,
                "Normal.", "Dr Ralf", WHEN, List.of(), 4, WHEN);
    }
}
