package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.rispacs.app.fhir.FhirTestClient.ids;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.fhir.FindFhirDiagnosticReportQuery;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.report.ReviseReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.report.SignReportPreliminaryCommand;
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
import org.rispacs.app.web.DisplayTimes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * DiagnosticReport as an EHR reads it through HAPI's generic client: a report driven through the real workflow
 * (order, study matched by accession, draft, revision, preliminary and final signature, addendum) is read and
 * searched by patient, order, study and status at each step with every field checked against what was entered;
 * a draft is never shown; refusals are OperationOutcomes that record no access. Every resource answered is valid
 * R4 by HAPI's validator.
 */
class FhirDiagnosticReportIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";
    private static final Actor RESIDENT = new Actor("res1", "Dr Rita Resident", ClinicalRole.RESIDENT);
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr Ralf Radiologist", ClinicalRole.RADIOLOGIST);

    @Autowired
    private DisplayTimes times;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
    }

    @Test
    void theCapabilityStatementNamesDiagnosticReportReadVreadHistoryAndItsFourSearchParameters() {
        CapabilityStatement capabilities = server().client().capabilities().ofType(CapabilityStatement.class).execute();

        valid(capabilities);
        CapabilityStatementRestResourceComponent reports = capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("DiagnosticReport")).findFirst().orElseThrow();
        assertThat(reports.getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type");
        assertThat(reports.getSearchParam()).extracting(one -> one.getName())
                .containsExactlyInAnyOrder("patient", "based-on", "imaging-study", "status");
    }

    @Test
    void aReportIsShownOnceSignedPreliminaryThenFinalThenAppendedWithEveryFieldAndADraftNever() throws Exception {
        PatientIdentifier patient = patient("Report");
        String patientRef = "Patient/" + FhirPatientIds.of(patient);
        TestDepartment department = new TestDepartment(commands, eventStore, TestApi.USER);
        String orderId = department.order(patient, "CT");
        String studyUid = acquire(department, patient, orderId, "20261207", "093000");
        String otherOrderId = department.order(patient, "CT");
        String otherStudyUid = acquire(department, patient, otherOrderId, "20261207", null);
        String reportId = UUID.randomUUID().toString();
        String draftId = UUID.randomUUID().toString();
        String text = "CT of the chest.\nFINDINGS: Lungs clear <no nodule> & no effusion.\nIMPRESSION: Normal chest.";
        send(new DraftReportCommand(reportId, orderId, studyUid, RESIDENT, "first words"));
        send(new ReviseReportCommand(reportId, RESIDENT, text));
        send(new DraftReportCommand(draftId, otherOrderId, otherStudyUid, RESIDENT, "Never a result."));
        send(new SignReportPreliminaryCommand(reportId, RESIDENT));
        IGenericClient fhir = server().client();
        Instant before = Instant.now();

        // preliminary: shown; the draft drafted before it is in the read model but is no result
        DiagnosticReport preliminary = (DiagnosticReport) eventually(() -> searchByUrl(fhir, "DiagnosticReport?patient="
                + patientRef), found -> found.getEntry().size() == 1).getEntryFirstRep().getResource();
        assertThat(preliminary.getIdElement().getIdPart()).isEqualTo(reportId);
        assertThat(preliminary.getStatus()).isEqualTo(DiagnosticReportStatus.PRELIMINARY);
        assertThat(preliminary.getMeta().getVersionId()).as("drafted, revised, signed preliminary").isEqualTo("3");
        assertThat(preliminary.getResultsInterpreter()).extracting(r -> r.getDisplay())
                .containsExactly(RESIDENT.name());
        assertThat(plainText(preliminary)).isEqualTo(text + "\n");
        assertThat(queries.query(new FindFhirDiagnosticReportQuery(draftId),
                ResponseTypes.optionalInstanceOf(FhirDiagnosticReport.class)).join())
                .as("the draft is known to the read model").hasValueSatisfying(
                        draft -> assertThat(draft.status()).isEqualTo(FhirReportStatus.DRAFT));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.read().resource(DiagnosticReport.class).withId(draftId).execute()).getStatusCode())
                .isEqualTo(404);
        assertThat(searchByUrl(fhir, "DiagnosticReport?imaging-study=ImagingStudy/" + otherStudyUid).getEntry())
                .isEmpty();
        assertThat(searchByUrl(fhir, "DiagnosticReport?based-on=ServiceRequest/" + otherOrderId).getEntry())
                .isEmpty();
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=preliminary")))
                .containsExactly(reportId);
        assertThat(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=final").getEntry()).isEmpty();

        // a revision after the preliminary signature is not shown until it is signed final
        String finalText = "CT of the chest.\nFINDINGS: Lungs clear <no nodule> & no effusion.\n"
                + "IMPRESSION: Normal chest CT.";
        send(new ReviseReportCommand(reportId, RADIOLOGIST, finalText));
        DiagnosticReport revised = eventually(() -> read(fhir, reportId),
                read -> read.getMeta().getVersionId().equals("4"));
        assertThat(revised.getStatus()).isEqualTo(DiagnosticReportStatus.PRELIMINARY);
        assertThat(plainText(revised)).isEqualTo(text + "\n");
        assertThat(revised.getConclusion()).isEqualTo("Normal chest.");

        // final, then an addendum: appended, with the signed text and the addendum in both presented forms
        send(new SignReportCommand(reportId, RADIOLOGIST));
        eventually(() -> read(fhir, reportId), read -> read.getStatus() == DiagnosticReportStatus.FINAL);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=final")))
                .containsExactly(reportId);
        String addendum = "Follow-up CT in 6 weeks.";
        send(new AddendReportCommand(reportId, RADIOLOGIST, addendum));
        DiagnosticReport report = eventually(() -> read(fhir, reportId),
                read -> read.getStatus() == DiagnosticReportStatus.APPENDED);

        assertThat(report.getMeta().getVersionId()).isEqualTo("6");
        assertThat(report.getMeta().getLastUpdated()).isEqualTo(Date.from(timeOf(reportId, ReportAddendedEvent.class)));
        assertThat(report.getSubject().getReference()).isEqualTo(patientRef);
        assertThat(report.getSubject().getIdentifier().getSystem()).isEqualTo(HOSPITAL_MRN);
        assertThat(report.getSubject().getIdentifier().getValue()).isEqualTo(patient.id());
        assertThat(report.getBasedOn()).extracting(r -> r.getReference()).containsExactly("ServiceRequest/" + orderId);
        assertThat(report.getImagingStudy()).extracting(r -> r.getReference())
                .containsExactly("ImagingStudy/" + studyUid);
        assertThat(report.getCategoryFirstRep().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://terminology.hl7.org/CodeSystem/v2-0074|RAD");
        assertThat(report.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://loinc.org|18748-4", "urn:rispacs:coding-scheme:LOCAL|P-CT");
        assertThat(report.getCode().getText()).isEqualTo("CT exam");
        assertThat(report.getEffectiveDateTimeType().getValueAsString()).isEqualTo(
                LocalDateTime.of(2026, 12, 7, 9, 30).atZone(times.zone())
                        .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")));
        Instant addendedAt = timeOf(reportId, ReportAddendedEvent.class);
        assertThat(report.getIssued()).as("this version's: the addendum's").isEqualTo(Date.from(addendedAt));
        assertThat(timeOf(reportId, ReportSignedEvent.class)).isBefore(addendedAt);
        assertThat(report.getResultsInterpreter()).extracting(r -> r.getDisplay())
                .containsExactly(RADIOLOGIST.name());
        assertThat(report.getConclusion()).isEqualTo("Normal chest CT.");
        assertThat(report.getPresentedForm()).extracting(Attachment::getContentType)
                .containsExactly("text/plain", "text/html");
        assertThat(report.getPresentedForm()).allSatisfy(form -> {
            assertThat(form.getTitle()).isEqualTo("Radiology report: CT exam");
            assertThat(form.getCreation()).isEqualTo(Date.from(addendedAt));
            assertThat(form.getSize()).isEqualTo(form.getData().length);
        });
        assertThat(plainText(report)).startsWith(finalText + "\n\nADDENDUM 1 (" + RADIOLOGIST.name() + ", ")
                .endsWith("):\n" + addendum + "\n");
        Document html = html(report);
        assertThat(html.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("Radiology report: CT exam");
        assertThat(texts(html.getElementsByTagName("h2"))).containsExactly("FINDINGS", "IMPRESSION", "Addendum 1");
        assertThat(html.getDocumentElement().getTextContent()).contains("CT of the chest.",
                "Lungs clear <no nodule> & no effusion.", "Normal chest CT.", addendum);
        NodeList sections = html.getElementsByTagName("section");
        Element last = (Element) sections.item(sections.getLength() - 1);
        assertThat(last.getAttribute("class")).isEqualTo("addendum");
        assertThat(last.getTextContent()).contains(addendum, RADIOLOGIST.name());
        HttpResponse<String> raw = server().get("/fhir/DiagnosticReport/" + reportId, TestApi.USER, TestApi.PASSWORD);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("ETag")).contains("W/\"6\"");

        // every search parameter, alone and combined; amended finds the appended report
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef))).containsExactly(reportId);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + FhirPatientIds.of(patient))))
                .containsExactly(reportId);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?based-on=ServiceRequest/" + orderId)))
                .containsExactly(reportId);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?imaging-study=ImagingStudy/" + studyUid)))
                .containsExactly(reportId);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=appended")))
                .containsExactly(reportId);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=amended")))
                .containsExactly(reportId);
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=final,preliminary")))
                .isEmpty();
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?based-on=ServiceRequest/" + orderId + "&imaging-study="
                + "ImagingStudy/" + otherStudyUid))).isEmpty();
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&status=corrected"))).isEmpty();
        assertThat(ids(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&_count=50")))
                .containsExactly(reportId);

        // each answer that showed the report is an access to its patient on channel fhir, and only those
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir-diagnostic-report"),
                all -> all.stream().anyMatch(view -> view.path("source").asText().contains("_count=50")));
        assertThat(views).allSatisfy(view -> {
            assertThat(view.path("actor").asText()).isEqualTo(TestApi.USER);
            assertThat(view.path("channel").asText()).isEqualTo("fhir");
            assertThat(view.path("source").asText()).startsWith("GET /fhir/DiagnosticReport");
            assertThat(view.path("patients").findValuesAsText("id")).containsExactly(patient.id());
        });
        assertThat(views).extracting(view -> view.path("view").asText())
                .contains("fhir-diagnostic-report", "fhir-diagnostic-report-search");
        assertThat(views).as("empty answers and the draft's refusal record nothing")
                .noneMatch(view -> view.path("source").asText().contains(otherStudyUid)
                        || view.path("source").asText().contains(otherOrderId)
                        || view.path("source").asText().contains(draftId)
                        || view.path("source").asText().contains("status=corrected"));
    }

    @Test
    void everySignedVersionIsReadAgainAsItWasAndTheHistoryListsThemNewestFirstAsReadShowsThem() throws Exception {
        PatientIdentifier patient = patient("History");
        TestDepartment department = new TestDepartment(commands, eventStore, TestApi.USER);
        String orderId = department.order(patient, "CT");
        String studyUid = acquire(department, patient, orderId, "20261203", "101500");
        String reportId = UUID.randomUUID().toString();
        String draft = "FINDINGS: first look.";
        String preliminaryText = "FINDINGS: Lungs clear.\nIMPRESSION: Normal.";
        String finalText = "FINDINGS: Lungs clear.\nIMPRESSION: Normal chest CT.";
        String addendum = "Compared with the prior CT: unchanged.";
        send(new DraftReportCommand(reportId, orderId, studyUid, RESIDENT, draft));
        send(new ReviseReportCommand(reportId, RESIDENT, preliminaryText));
        send(new SignReportPreliminaryCommand(reportId, RESIDENT));
        send(new ReviseReportCommand(reportId, RADIOLOGIST, finalText));
        send(new SignReportCommand(reportId, RADIOLOGIST));
        send(new AddendReportCommand(reportId, RADIOLOGIST, addendum));
        IGenericClient fhir = server().client();
        DiagnosticReport current = eventually(() -> read(fhir, reportId),
                read -> read.getMeta().getVersionId().equals("6"));
        Instant before = Instant.now();

        // the history: the signed versions (a draft is never shown), newest first, each saying how it came about
        Bundle history = fhir.history().onInstance(new IdType("DiagnosticReport", reportId))
                .returnBundle(Bundle.class).execute();
        valid(history);
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry()).extracting(entry -> entry.getResource().getMeta().getVersionId())
                .containsExactly("6", "5", "4", "3");
        assertThat(history.getEntry()).extracting(entry -> entry.getRequest().getMethod(),
                        entry -> entry.getRequest().getUrl(), entry -> entry.getResponse().getStatus(),
                        entry -> entry.getResponse().getEtag())
                .containsExactly(
                        tuple(HTTPVerb.PUT, "DiagnosticReport/" + reportId + "/_history/6", "200 OK", "W/\"6\""),
                        tuple(HTTPVerb.PUT, "DiagnosticReport/" + reportId + "/_history/5", "200 OK", "W/\"5\""),
                        tuple(HTTPVerb.PUT, "DiagnosticReport/" + reportId + "/_history/4", "200 OK", "W/\"4\""),
                        tuple(HTTPVerb.POST, "DiagnosticReport/" + reportId + "/_history/3", "201 Created",
                                "W/\"3\""));
        history.getEntry().forEach(entry -> valid(entry.getResource()));
        List<DiagnosticReport> versions = history.getEntry().stream()
                .map(entry -> (DiagnosticReport) entry.getResource()).toList();
        assertThat(json(fhir, versions.get(0))).as("the newest is what a read answers").isEqualTo(json(fhir, current));
        DiagnosticReport preliminary = versions.get(3);
        assertThat(preliminary.getStatus()).isEqualTo(DiagnosticReportStatus.PRELIMINARY);
        assertThat(plainText(preliminary)).isEqualTo(preliminaryText + "\n");
        assertThat(preliminary.getResultsInterpreter()).extracting(r -> r.getDisplay())
                .containsExactly(RESIDENT.name());
        assertThat(preliminary.getMeta().getLastUpdated())
                .isEqualTo(Date.from(timeOf(reportId, ReportSignedPreliminaryEvent.class)));
        assertThat(versions.get(2).getStatus()).as("revised after the preliminary signature: not signed")
                .isEqualTo(DiagnosticReportStatus.PRELIMINARY);
        assertThat(plainText(versions.get(2))).isEqualTo(preliminaryText + "\n");
        assertThat(versions.get(1).getStatus()).isEqualTo(DiagnosticReportStatus.FINAL);
        assertThat(plainText(versions.get(1))).isEqualTo(finalText + "\n");
        assertThat(versions.get(1).getResultsInterpreter()).extracting(r -> r.getDisplay())
                .containsExactly(RADIOLOGIST.name());
        assertThat(versions.get(0).getStatus()).isEqualTo(DiagnosticReportStatus.APPENDED);
        assertThat(plainText(versions.get(0))).contains(finalText, addendum);
        assertThat(versions).allSatisfy(version -> {
            assertThat(version.getSubject().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(patient));
            assertThat(version.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + orderId);
            assertThat(version.getEffectiveDateTimeType().getValueAsString()).startsWith("2026-12-03T10:15:00");
        });

        // vread: each of them, and the ETag the read gave; a draft's version, an unknown one, another report's: 404
        for (DiagnosticReport version : versions) {
            String number = version.getMeta().getVersionId();
            DiagnosticReport vread = fhir.read().resource(DiagnosticReport.class).withIdAndVersion(reportId, number)
                    .execute();
            valid(vread);
            assertThat(json(fhir, vread)).as("version " + number).isEqualTo(json(fhir, version));
        }
        HttpResponse<String> raw = server().get("/fhir/DiagnosticReport/" + reportId + "/_history/6", TestApi.USER,
                TestApi.PASSWORD);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("ETag")).contains("W/\"6\"");
        String otherReport = UUID.randomUUID().toString();
        String otherOrder = department.order(patient, "CT");
        send(new DraftReportCommand(otherReport, otherOrder, acquire(department, patient, otherOrder, "20261203",
                null), RADIOLOGIST, "Other."));
        send(new SignReportCommand(otherReport, RADIOLOGIST));
        eventually(() -> read(fhir, otherReport), read -> read.getMeta().getVersionId().equals("2"));
        Instant refusalsBegin = Instant.now();
        for (String[] missing : new String[][] {{reportId, "1"}, {reportId, "2"}, {reportId, "7"},
                {reportId, "x"}, {otherReport, "6"}, {UUID.randomUUID().toString(), "1"}}) {
            ResourceNotFoundException notFound = catchThrowableOfType(ResourceNotFoundException.class,
                    () -> fhir.read().resource(DiagnosticReport.class).withIdAndVersion(missing[0], missing[1])
                            .execute());
            assertThat(notFound).as(missing[0] + "/_history/" + missing[1]).isNotNull();
            assertThat(notFound.getStatusCode()).isEqualTo(404);
            outcome(notFound);
        }
        ResourceNotFoundException noHistory = catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.history().onInstance(new IdType("DiagnosticReport", UUID.randomUUID().toString()))
                        .returnBundle(Bundle.class).execute());
        assertThat(noHistory.getStatusCode()).isEqualTo(404);
        outcome(noHistory);

        // every answer that showed the report is an access to its patient; the refusals recorded none
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir-diagnostic-report"),
                all -> all.stream().filter(view -> view.path("view").asText()
                        .equals("fhir-diagnostic-report-version")).count() >= 5);
        assertThat(views).extracting(view -> view.path("view").asText())
                .contains("fhir-diagnostic-report-history", "fhir-diagnostic-report-version");
        assertThat(views).allSatisfy(view -> assertThat(view.path("patients").findValuesAsText("id"))
                .containsExactly(patient.id()));
        assertThat(views).filteredOn(view -> view.path("view").asText().equals("fhir-diagnostic-report-version"))
                .hasSize(5).allSatisfy(view -> assertThat(view.path("source").asText()).contains(reportId));

        // then one vread that shows the report: the only access recorded since the refusals began
        fhir.read().resource(DiagnosticReport.class).withIdAndVersion(reportId, "3").execute();
        assertThat(eventually(() -> server().viewsSince(refusalsBegin, "fhir-diagnostic-report"),
                all -> !all.isEmpty())).singleElement().satisfies(view -> {
                    assertThat(view.path("view").asText()).isEqualTo("fhir-diagnostic-report-version");
                    assertThat(view.path("source").asText()).contains(reportId + "/_history/3");
                });
    }

    private static String json(IGenericClient fhir, DiagnosticReport report) {
        DiagnosticReport copy = report.copy();
        copy.setIdElement(null);
        return fhir.getFhirContext().newJsonParser().encodeResourceToString(copy);
    }

    @Test
    void refusalsAreOperationOutcomesAndRecordNoAccess() throws Exception {
        PatientIdentifier patient = patient("Refusal");
        String patientRef = "Patient/" + FhirPatientIds.of(patient);
        TestDepartment department = new TestDepartment(commands, eventStore, TestApi.USER);
        for (int i = 0; i < 2; i++) {
            String orderId = department.order(patient, "CT");
            String studyUid = acquire(department, patient, orderId, "20261201", null);
            String reportId = UUID.randomUUID().toString();
            send(new DraftReportCommand(reportId, orderId, studyUid, RADIOLOGIST, "Report " + i));
            send(new SignReportCommand(reportId, RADIOLOGIST));
        }
        IGenericClient fhir = server().client();
        eventually(() -> searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef),
                found -> found.getEntry().size() == 2);
        Instant before = Instant.now();

        ResourceNotFoundException unknown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.read().resource(DiagnosticReport.class).withId(UUID.randomUUID().toString()).execute());
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        outcome(unknown);
        for (String refused : List.of("DiagnosticReport", "DiagnosticReport?subject=" + patientRef,
                "DiagnosticReport?patient=Group/" + FhirPatientIds.of(patient),
                "DiagnosticReport?patient.identifier=" + patient.id(),
                "DiagnosticReport?patient=" + patientRef + "&status=bogus",
                "DiagnosticReport?patient=" + patientRef + "&status:not=final",
                "DiagnosticReport?patient=" + patientRef + "&_count=-1")) {
            InvalidRequestException refusal = catchThrowableOfType(InvalidRequestException.class,
                    () -> searchByUrl(fhir, refused));
            assertThat(refusal).as(refused).isNotNull();
            assertThat(refusal.getStatusCode()).as(refused).isEqualTo(400);
            outcome(refusal);
        }

        // then one search that shows the reports: the only access recorded since the refusals began
        assertThat(searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&_count=2").getEntry())
                .hasSize(2);
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir-diagnostic-report"),
                all -> !all.isEmpty());
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.path("view").asText()).isEqualTo("fhir-diagnostic-report-search");
            assertThat(view.path("source").asText()).contains("_count=2");
        });

        // a page at a time, the next link leading to the rest
        Bundle page = searchByUrl(fhir, "DiagnosticReport?patient=" + patientRef + "&_count=1");
        assertThat(page.getTotal()).isEqualTo(2);
        Bundle rest = fhir.loadPage().next(page).execute();
        assertThat(rest.getEntry()).hasSize(1);
        assertThat(rest.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(ids(rest)).doesNotContainAnyElementsOf(ids(page));
    }

    private PatientIdentifier patient(String family) {
        PatientIdentifier patient = new PatientIdentifier("DR-" + UUID.randomUUID().toString().substring(0, 8),
                "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName(family, "Rita", null, null, null),
                LocalDate.of(1970, 1, 2), "F")));
        return patient;
    }

    /** The order's study, received with its accession and study date (and time), and matched to the order. */
    private String acquire(TestDepartment department, PatientIdentifier patient, String orderId, String date,
                           String time) {
        String studyUid = TestDepartment.newStudyUid();
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, "CT1",
                new ReceivedStudyAttributes(patient.id(), patient.issuer(), null, department.accessionOf(orderId),
                        "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab")),
                new ReceivedStudyDetails(date, time, null, null, null, null), null));
        Eventually.event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        return studyUid;
    }

    private Instant timeOf(String aggregateId, Class<?> type) {
        return eventStore.readEvents(aggregateId).asStream().filter(event -> type.isInstance(event.getPayload()))
                .map(DomainEventMessage::getTimestamp).reduce((first, second) -> second).orElseThrow();
    }

    private static DiagnosticReport read(IGenericClient fhir, String id) {
        DiagnosticReport report = fhir.read().resource(DiagnosticReport.class).withId(id).execute();
        valid(report);
        return report;
    }

    private static String plainText(DiagnosticReport report) {
        return new String(report.getPresentedForm().get(0).getData(), StandardCharsets.UTF_8);
    }

    /** The HTML form, parsed as the XHTML it is (a parser that refuses anything not well-formed). */
    private static Document html(DiagnosticReport report) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(report.getPresentedForm().get(1)
                .getData()));
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private void send(Object command) {
        TestCommands.send(commands, TestApi.USER, command);
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }
}
