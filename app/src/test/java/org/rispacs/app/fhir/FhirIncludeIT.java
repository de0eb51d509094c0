package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.rispacs.app.fhir.FhirTestClient.FHIR;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.rispacs.app.support.TestDepartment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code _include}/{@code _revinclude} between ServiceRequest, ImagingStudy, DiagnosticReport and Patient as an
 * EHR asks for them through HAPI's generic client: an order driven through the workflow (placed, its study received
 * and matched by accession, its report signed) is found from each side with the others beside it, marked as
 * included, referencing each other and equal to what a read answers; the total counts matches only; what is not
 * supported is refused with an OperationOutcome before anything is shown or recorded. Every resource answered is
 * valid R4 by HAPI's validator.
 */
class FhirIncludeIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";
    private static final String ACCESSION = "http://hospital.example/accession";
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr Ralf Radiologist", ClinicalRole.RADIOLOGIST);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
        registry.add("ris.fhir.accession-system", () -> ACCESSION);
    }

    @Test
    void theCapabilityStatementListsExactlyTheIncludesSupported() {
        CapabilityStatement capabilities = server().client().capabilities().ofType(CapabilityStatement.class).execute();

        valid(capabilities);
        assertThat(includes(capabilities, "ServiceRequest")).containsExactly(
                tuple(List.of("ServiceRequest:patient"), List.of("DiagnosticReport:based-on",
                        "ImagingStudy:basedon")));
        assertThat(includes(capabilities, "ImagingStudy")).containsExactly(
                tuple(List.of("ImagingStudy:basedon", "ImagingStudy:patient"),
                        List.of("DiagnosticReport:imaging-study")));
        assertThat(includes(capabilities, "DiagnosticReport")).containsExactly(
                tuple(List.of("DiagnosticReport:based-on", "DiagnosticReport:imaging-study",
                        "DiagnosticReport:patient"), List.of()));
        assertThat(includes(capabilities, "Patient")).containsExactly(tuple(List.of(), List.of()));
    }

    @Test
    void anOrderFoundByAccessionBringsItsStudyAndReportAndEachBringsTheOthers() {
        PatientIdentifier patient = patient("Include");
        String patientId = FhirPatientIds.of(patient);
        TestDepartment department = new TestDepartment(commands, eventStore, TestApi.USER);
        String orderId = department.order(patient, "CT");
        String accession = department.accessionOf(orderId);
        String studyUid = acquire(department, patient, orderId);
        String reportId = UUID.randomUUID().toString();
        send(new DraftReportCommand(reportId, orderId, studyUid, RADIOLOGIST, "IMPRESSION: Normal chest."));
        send(new SignReportCommand(reportId, RADIOLOGIST));
        IGenericClient fhir = server().client();
        eventually(() -> searchByUrl(fhir, "DiagnosticReport?based-on=ServiceRequest/" + orderId),
                found -> found.getEntry().size() == 1);
        eventually(() -> searchByUrl(fhir, "ImagingStudy?basedon=ServiceRequest/" + orderId),
                found -> found.getEntry().size() == 1);
        Instant before = Instant.now();

        // the order, with the study and the report based on it
        Bundle order = searchByUrl(fhir, "ServiceRequest?identifier=" + ACCESSION + "|" + accession
                + "&_revinclude=ImagingStudy:basedon&_revinclude=DiagnosticReport:based-on");
        assertThat(order.getTotal()).as("matches only").isEqualTo(1);
        assertThat(entries(order)).containsExactlyInAnyOrder(
                tuple("ServiceRequest", orderId, SearchEntryMode.MATCH),
                tuple("ImagingStudy", studyUid, SearchEntryMode.INCLUDE),
                tuple("DiagnosticReport", reportId, SearchEntryMode.INCLUDE));
        assertThat(order.getEntryFirstRep().getSearch().getMode()).as("the match first")
                .isEqualTo(SearchEntryMode.MATCH);
        ServiceRequest request = resource(order, ServiceRequest.class);
        ImagingStudy study = resource(order, ImagingStudy.class);
        DiagnosticReport report = resource(order, DiagnosticReport.class);
        assertThat(request.getIdentifier()).extracting(one -> one.getSystem() + "|" + one.getValue())
                .contains(ACCESSION + "|" + accession);
        assertThat(study.getBasedOn()).extracting(one -> one.getReference())
                .containsExactly("ServiceRequest/" + orderId);
        assertThat(report.getBasedOn()).extracting(one -> one.getReference())
                .containsExactly("ServiceRequest/" + orderId);
        assertThat(report.getImagingStudy()).extracting(one -> one.getReference())
                .containsExactly("ImagingStudy/" + studyUid);
        assertThat(List.of(request.getSubject(), study.getSubject(), report.getSubject()))
                .extracting(one -> one.getReference()).containsOnly("Patient/" + patientId);
        assertThat(report.getConclusion()).isEqualTo("Normal chest.");
        sameAsRead(fhir, request, study, report);

        // the order with its patient
        Bundle withPatient = searchByUrl(fhir, "ServiceRequest?identifier=" + ACCESSION + "|" + accession
                + "&_include=ServiceRequest:patient");
        assertThat(entries(withPatient)).containsExactly(tuple("ServiceRequest", orderId, SearchEntryMode.MATCH),
                tuple("Patient", patientId, SearchEntryMode.INCLUDE));
        Patient shown = resource(withPatient, Patient.class);
        assertThat(shown.getNameFirstRep().getFamily()).isEqualTo("Include");
        sameAsRead(fhir, shown);

        // the report with its order, study and patient
        Bundle fromReport = searchByUrl(fhir, "DiagnosticReport?based-on=ServiceRequest/" + orderId
                + "&_include=DiagnosticReport:based-on&_include=DiagnosticReport:imaging-study"
                + "&_include=DiagnosticReport:patient");
        assertThat(fromReport.getTotal()).isEqualTo(1);
        assertThat(entries(fromReport)).containsExactlyInAnyOrder(
                tuple("DiagnosticReport", reportId, SearchEntryMode.MATCH),
                tuple("ServiceRequest", orderId, SearchEntryMode.INCLUDE),
                tuple("ImagingStudy", studyUid, SearchEntryMode.INCLUDE),
                tuple("Patient", patientId, SearchEntryMode.INCLUDE));
        sameAsRead(fhir, resource(fromReport, ServiceRequest.class), resource(fromReport, ImagingStudy.class),
                resource(fromReport, Patient.class));

        // the study with its order, its patient and the report reading it
        Bundle fromStudy = searchByUrl(fhir, "ImagingStudy?basedon=ServiceRequest/" + orderId
                + "&_include=ImagingStudy:basedon&_include=ImagingStudy:patient"
                + "&_revinclude=DiagnosticReport:imaging-study");
        assertThat(fromStudy.getTotal()).isEqualTo(1);
        assertThat(entries(fromStudy)).containsExactlyInAnyOrder(
                tuple("ImagingStudy", studyUid, SearchEntryMode.MATCH),
                tuple("ServiceRequest", orderId, SearchEntryMode.INCLUDE),
                tuple("Patient", patientId, SearchEntryMode.INCLUDE),
                tuple("DiagnosticReport", reportId, SearchEntryMode.INCLUDE));
        sameAsRead(fhir, resource(fromStudy, DiagnosticReport.class));

        // each search one access, naming the patient shown, under the searched resource's view
        List<JsonNode> views = eventually(() -> viewsSince(before), all -> all.size() >= 4);
        assertThat(views).extracting(view -> view.path("view").asText()).containsExactlyInAnyOrder(
                "fhir-service-request-search", "fhir-service-request-search", "fhir-diagnostic-report-search",
                "fhir-imaging-study-search");
        assertThat(views).allSatisfy(view -> assertThat(view.path("patients").findValuesAsText("id"))
                .containsExactly(patient.id()));
    }

    @Test
    void theTotalCountsMatchesAndAPageBringsTheIncludesOfItsOwnMatchesOnly() {
        PatientIdentifier patient = patient("Paged");
        TestDepartment department = new TestDepartment(commands, eventStore, TestApi.USER);
        String firstOrder = department.order(patient, "CT");
        String firstStudy = acquire(department, patient, firstOrder);
        String secondOrder = department.order(patient, "CT");
        String secondStudy = acquire(department, patient, secondOrder);
        String unacquired = department.order(patient, "CT");
        IGenericClient fhir = server().client();
        String patientRef = "Patient/" + FhirPatientIds.of(patient);
        eventually(() -> searchByUrl(fhir, "ImagingStudy?patient=" + patientRef), found -> found.getEntry().size() == 2
                && found.getEntry().stream().allMatch(entry -> ((ImagingStudy) entry.getResource()).hasBasedOn()));

        List<List<String>> pages = new ArrayList<>();
        Bundle page = searchByUrl(fhir, "ServiceRequest?patient=" + patientRef
                + "&_revinclude=ImagingStudy:basedon&_count=1");
        while (true) {
            assertThat(page.getTotal()).as("matches only, whatever is included").isEqualTo(3);
            assertThat(page.getEntry()).filteredOn(entry -> entry.getSearch().getMode() == SearchEntryMode.MATCH)
                    .hasSize(1);
            String orderId = page.getEntryFirstRep().getResource().getIdElement().getIdPart();
            List<String> studies = page.getEntry().stream()
                    .filter(entry -> entry.getSearch().getMode() == SearchEntryMode.INCLUDE)
                    .map(entry -> (ImagingStudy) entry.getResource())
                    .peek(study -> assertThat(study.getBasedOnFirstRep().getReference())
                            .isEqualTo("ServiceRequest/" + orderId))
                    .map(study -> study.getIdElement().getIdPart()).toList();
            List<String> shown = new ArrayList<>(List.of(orderId));
            shown.addAll(studies);
            pages.add(shown);
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = fhir.loadPage().next(page).execute();
            valid(page);
        }
        assertThat(pages).containsExactlyInAnyOrder(List.of(firstOrder, firstStudy), List.of(secondOrder, secondStudy),
                List.of(unacquired));
    }

    @Test
    void whatIsNotSupportedIsRefusedWithAnOperationOutcomeAndRecordsNoAccess() {
        PatientIdentifier patient = patient("Refused");
        TestDepartment department = new TestDepartment(commands, eventStore, TestApi.USER);
        String orderId = department.order(patient, "CT");
        String accession = department.accessionOf(orderId);
        IGenericClient fhir = server().client();
        String byAccession = "ServiceRequest?identifier=" + ACCESSION + "|" + accession;
        eventually(() -> searchByUrl(fhir, byAccession), found -> found.getEntry().size() == 1);
        Instant before = Instant.now();

        for (String refused : List.of(byAccession + "&_include=ServiceRequest:requester",
                byAccession + "&_include=*", byAccession + "&_revinclude=*",
                byAccession + "&_revinclude=Observation:based-on",
                byAccession + "&_revinclude=ImagingStudy:patient",
                byAccession + "&_include=ImagingStudy:basedon",
                byAccession + "&_revinclude:iterate=ImagingStudy:basedon",
                byAccession + "&_revinclude=ImagingStudy:basedon,DiagnosticReport:based-on",
                "ImagingStudy?basedon=ServiceRequest/" + orderId + "&_include=ImagingStudy:endpoint",
                "DiagnosticReport?based-on=ServiceRequest/" + orderId + "&_revinclude=ImagingStudy:basedon",
                "DiagnosticReport?based-on=ServiceRequest/" + orderId + "&_include=DiagnosticReport:subject")) {
            InvalidRequestException refusal = catchThrowableOfType(InvalidRequestException.class,
                    () -> searchByUrl(fhir, refused));
            assertThat(refusal).as(refused).isNotNull();
            assertThat(refusal.getStatusCode()).as(refused).isEqualTo(400);
            assertThat(refusal.getOperationOutcome()).as(refused).isInstanceOf(OperationOutcome.class);
            valid(refusal.getOperationOutcome());
        }
        InvalidRequestException unknown = catchThrowableOfType(InvalidRequestException.class,
                () -> searchByUrl(fhir, byAccession + "&_revinclude=Observation:based-on"));
        assertThat(((OperationOutcome) unknown.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                .as("names what is supported")
                .contains("DiagnosticReport:based-on").contains("ImagingStudy:basedon");

        // then one search that shows the order: the only access recorded since the refusals began
        assertThat(searchByUrl(fhir, byAccession + "&_include=ServiceRequest:patient").getEntry()).hasSize(2);
        List<JsonNode> views = eventually(() -> viewsSince(before), all -> !all.isEmpty());
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.path("view").asText()).isEqualTo("fhir-service-request-search");
            assertThat(view.path("source").asText()).contains("_include=ServiceRequest");
        });
    }

    private PatientIdentifier patient(String family) {
        PatientIdentifier patient = new PatientIdentifier("INC-" + UUID.randomUUID().toString().substring(0, 8),
                "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName(family, "Ines", null, null, null),
                LocalDate.of(1971, 2, 3), "F")));
        return patient;
    }

    /** The order's study, received with its accession and matched to the order. */
    private String acquire(TestDepartment department, PatientIdentifier patient, String orderId) {
        String studyUid = TestDepartment.newStudyUid();
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, "CT1",
                new ReceivedStudyAttributes(patient.id(), patient.issuer(), null, department.accessionOf(orderId),
                        "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab")),
                new ReceivedStudyDetails("20261207", "093000", null, null, null, null), null));
        Eventually.event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        return studyUid;
    }

    private static List<Tuple> includes(CapabilityStatement capabilities, String type) {
        CapabilityStatementRestResourceComponent resource = capabilities.getRestFirstRep().getResource().stream()
                .filter(one -> one.getType().equals(type)).findFirst().orElseThrow();
        return List.of(tuple(resource.getSearchInclude().stream().map(StringType::getValue).sorted().toList(),
                resource.getSearchRevInclude().stream().map(StringType::getValue).sorted().toList()));
    }

    private static List<Tuple> entries(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> tuple(entry.getResource().fhirType(),
                entry.getResource().getIdElement().getIdPart(), entry.getSearch().getMode())).toList();
    }

    private static <T extends Resource> T resource(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    /** An included resource is what a read of it answers. */
    private static void sameAsRead(IGenericClient fhir, Resource... included) {
        for (Resource one : included) {
            Resource read = fhir.read().resource(one.getClass()).withId(one.getIdElement().getIdPart()).execute();
            valid(read);
            assertThat(encoded(one)).as(one.fhirType()).isEqualTo(encoded(read));
        }
    }

    /** The resource as JSON without what differs between a bundle entry and a read (its id's base). */
    private static String encoded(Resource resource) {
        Resource copy = resource.copy();
        copy.setId(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        return FHIR.newJsonParser().encodeResourceToString(copy);
    }

    /** The FHIR search access events since an instant, each as its payload with its source. */
    private List<JsonNode> viewsSince(Instant since) {
        return server().viewsSince(since, "fhir-").stream()
                .filter(view -> view.path("view").asText().endsWith("-search")).toList();
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }

    private void send(Object command) {
        TestCommands.send(commands, TestApi.USER, command);
    }
}
