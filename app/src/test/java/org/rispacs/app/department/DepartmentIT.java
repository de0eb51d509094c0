package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.hl7.ScriptedReceiver.fieldOf;
import static org.rispacs.app.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.rispacs.app.hl7.ScriptedReceiver;
import org.rispacs.app.support.PackagedApplication;
import org.rispacs.app.web.Browser;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;

/**
 * The department on go-live day, against the packaged jar in a process of its own and real peers
 * only: the EHR's feed (mllp_send), the CT (findscu, storescu, dcmjs-dimse for MPPS and storage
 * commitment), a billing system and the EHR's result interface (MLLP receivers on loopback), and
 * people in Debian's chromium. The happy path from registration to the auditor's timeline first,
 * then the classic integration failures, each made loud and recovered as staff would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DepartmentIT {

    private static final String ADMIN_INITIAL = "dept-admin-initial-1";
    private static final String ADMIN_PASSWORD = "dept-admin-chosen-1";
    private static final String RADIOLOGIST = "rad-dept";
    private static final String TECHNOLOGIST = "tech-dept";
    private static final String PASSWORD = "dept-chosen-password";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    /** The unacknowledged-delivery alert threshold this department configures. */
    private static final int UNACKED_ALERT_SECONDS = 6;

    /** Results to the EHR and charges to billing, each keyed by the placer order number (ORC-2). */
    private final ScriptedReceiver ehr = ScriptedReceiver.start(ServerSocketFactory.getDefault(),
            message -> fieldOf(message, "ORC", 2));
    private final ScriptedReceiver billing = ScriptedReceiver.start(ServerSocketFactory.getDefault(),
            message -> fieldOf(message, "ORC", 2));
    private PackagedApplication app;
    private Browser browser;
    private EhrFeed feed;
    private CtScanner ct;

    @BeforeAll
    void startDepartment() throws Exception {
        Path work = Files.createTempDirectory("ris-department");
        List<String> settings = new ArrayList<>(PackagedApplication.onTestDependencies("dept-" + RUN.toLowerCase()
                + "-"));
        settings.addAll(List.of(
                "--ris.security.integration-roles=TECHNOLOGIST,RADIOLOGIST,BILLING,AUDITOR",
                "--ris.admin-initial-password=" + ADMIN_INITIAL,
                "--ris.hl7.station-by-modality.CT=" + CtScanner.AE_TITLE,
                "--ris.workflow.report-destinations=EHR",
                "--ris.hl7.destinations.EHR.host=127.0.0.1", "--ris.hl7.destinations.EHR.port=" + ehr.port(),
                "--ris.hl7.destinations.EHR.receiving-application=EPIC",
                "--ris.hl7.destinations.EHR.receiving-facility=HOSP",
                "--ris.hl7.destinations.EHR.connect-timeout=1s", "--ris.hl7.destinations.EHR.read-timeout=2s",
                "--ris.hl7.billing-destination=BILLING",
                "--ris.hl7.destinations.BILLING.host=127.0.0.1",
                "--ris.hl7.destinations.BILLING.port=" + billing.port(),
                "--ris.hl7.destinations.BILLING.receiving-application=SAP",
                "--ris.hl7.destinations.BILLING.receiving-facility=FIN",
                "--ris.workflow.report-delivery.max-attempts=40",
                "--ris.workflow.report-delivery.initial-delay=2s",
                "--ris.workflow.report-delivery.multiplier=1",
                "--db-scheduler.polling-interval=500ms",
                "--ris.interfaces.unacked-alert-after=" + UNACKED_ALERT_SECONDS + "s"));
        app = new PackagedApplication(work.resolve("data"), settings).start();
        feed = new EhrFeed(app.hl7Port(), work);
        ct = new CtScanner(app.dicomPort(), work);
        browser = new Browser(app.httpPort());
        createStaffThroughTheAdministrationPage();
    }

    @AfterAll
    void stopDepartment() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        ehr.stop();
        billing.stop();
    }

    @Test
    @Order(1)
    void anOrderTravelsFromRegistrationToTheSignedReportAndTheAuditorSeesEveryStep() throws Exception {
        EhrFeed.Patient patient = new EhrFeed.Patient("DEPT-" + RUN, "Dept", "Dora", "19700102", "F");
        String placer = "PO-HAPPY-" + RUN;
        assertThat(feed.register(patient)).contains("MSA|AA|");
        assertThat(feed.order(patient, new EhrFeed.Order(placer, "CTCHEST", "CT chest", today("1400"), null)))
                .contains("MSA|AA|");

        // the CT asks its worklist: the item the RIS scheduled, with the pre-assigned study UID
        JsonNode item = worklistItem(patient.id());
        String orderId = item.get("orderId").asText();
        String accession = item.get("accessionNumber").asText();
        String studyUid = item.get("studyInstanceUid").asText();
        List<Attributes> mwl = ct.worklist(patient.id());
        assertThat(mwl).hasSize(1);
        Attributes scheduled = mwl.get(0);
        assertThat(scheduled.getString(Tags.PatientName)).isEqualTo("Dept^Dora");
        assertThat(scheduled.getString(Tags.PatientID)).isEqualTo(patient.id());
        assertThat(scheduled.getString(Tags.IssuerOfPatientID)).isEqualTo("HOSP");
        assertThat(scheduled.getString(Tags.PatientBirthDate)).isEqualTo("19700102");
        assertThat(scheduled.getString(Tags.PatientSex)).isEqualTo("F");
        assertThat(scheduled.getString(Tags.AccessionNumber)).isEqualTo(accession);
        assertThat(scheduled.getString(Tags.StudyInstanceUID)).as("pre-assigned Study Instance UID")
                .isEqualTo(studyUid).startsWith("2.25.");
        Attributes step = scheduled.getSequence(Tags.ScheduledProcedureStepSequence).get(0);
        assertThat(step.getString(Tags.Modality)).isEqualTo("CT");
        assertThat(step.getString(Tags.ScheduledStationAETitle)).isEqualTo(CtScanner.AE_TITLE);
        assertThat(step.getString(Tags.ScheduledProcedureStepStartDate)).isEqualTo(today(""));

        // MPPS IN PROGRESS, the images, MPPS COMPLETED, storage commitment
        String mpps = uid();
        JsonNode inProgress = ct.mpps("create", mpps, Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "PerformedStationAETitle", CtScanner.AE_TITLE, "Modality", "CT",
                "PatientID", patient.id(), "PatientName", "Dept^Dora",
                "ScheduledStepAttributesSequence", List.of(Map.of("AccessionNumber", accession,
                        "StudyInstanceUID", studyUid,
                        "RequestedProcedureID", scheduled.getString(Tags.RequestedProcedureID),
                        "ScheduledProcedureStepID", step.getString(Tags.ScheduledProcedureStepID)))));
        assertThat(inProgress.get("status").asInt()).as(inProgress.toString()).isZero();
        eventually(() -> assertThat(json("/api/worklists/modality?patientId=" + patient.id()).get(0)
                .get("status").asText()).isEqualTo("STARTED"));

        String series = studyUid + ".1";
        List<Path> images = ct.images(new CtScanner.Acquisition(studyUid, accession, patient.id(), "Dept^Dora"),
                series, 3);
        ct.store(images);
        JsonNode completed = ct.mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", series))));
        assertThat(completed.get("status").asInt()).as(completed.toString()).isZero();
        String transaction = uid();
        List<JsonNode> commitment = ct.commit(transaction, List.of(series + ".1", series + ".2", series + ".3"));
        JsonNode action = only(commitment, "action");
        assertThat(action.get("status").asInt()).as(commitment.toString()).isZero();
        JsonNode report = only(commitment, "report");
        assertThat(report.get("eventTypeId").asInt()).as("storage commitment request successful").isEqualTo(1);
        assertThat(report.get("dataset").get("TransactionUID").asText()).isEqualTo(transaction);
        assertThat(report.get("dataset").get("ReferencedSOPSequence")).hasSize(3);
        assertThat(report.get("dataset").has("FailedSOPSequence")).isFalse();

        // the charge is captured and billing receives it
        JsonNode charge = eventually(() -> chargeOf(orderId), found -> found != null);
        assertThat(charge.get("studyInstanceUid").asText()).isEqualTo(studyUid);
        String dft = eventually(() -> billing.received(placer), list -> !list.isEmpty()).get(0);
        assertThat(dft).contains("|DFT^P03^DFT_P03|").startsWith("MSH|^~\\&|RISPACS|RISPACS|SAP|FIN|");
        assertThat(fieldOf(dft, "PID", 3)).isEqualTo(patient.id() + "^^^HOSP");
        assertThat(fieldOf(dft, "FT1", 7)).isEqualTo("CTCHEST^CT chest^LOCAL");
        assertThat(fieldOf(dft, "FT1", 23)).isEqualTo(accession + "^RISPACS");
        assertThat(billing.accepted()).contains(placer);

        // the radiologist sees the study on the reading worklist and signs the report
        browser.signIn(RADIOLOGIST, PASSWORD);
        WebElement row = eventually(() -> {
            browser.open("/reading?modality=CT");
            return browser.driver().findElement(By.cssSelector("tr[data-order-id='" + orderId + "']"));
        }, found -> found != null);
        assertThat(row.getText()).contains("Dept^Dora").contains(accession);
        row.findElement(By.tagName("a")).click();
        browser.find(By.id("report-text")).sendKeys("No consolidation.\nImpression: normal chest CT.");
        browser.find(By.id("sign-final")).click();
        awaitText(By.id("report-status"), "FINAL");

        // the EHR receives the result and acknowledges it
        String oru = eventually(() -> ehr.received(placer), list -> !list.isEmpty()).get(0);
        assertThat(oru).contains("|ORU^R01^ORU_R01|").startsWith("MSH|^~\\&|RISPACS|RISPACS|EPIC|HOSP|");
        assertThat(fieldOf(oru, "PID", 3)).isEqualTo(patient.id() + "^^^HOSP");
        assertThat(fieldOf(oru, "OBR", 18)).isEqualTo(accession);
        assertThat(fieldOf(oru, "OBR", 25)).isEqualTo("F");
        assertThat(fieldOf(oru, "OBR", 32)).startsWith(RADIOLOGIST + "&");
        assertThat(oru).contains("|No consolidation.|").contains("|Impression: normal chest CT.|");
        assertThat(ehr.accepted()).contains(placer);
        eventually(() -> {
            browser.open("/reading/studies/" + orderId);
            assertThat(browser.text(By.id("deliveries"))).contains("EHR").contains("DELIVERED");
        });

        // the auditor's timeline: every step, with who, when and through which channel and source
        String reportId = "report-" + orderId;
        Map<String, JsonNode> timeline = eventually(() -> timeline("patient=" + patient.id() + "%5E%5E%5EHOSP",
                        "orderId=" + orderId, "reportId=" + reportId),
                entries -> entries.values().stream().filter(e -> e.get("type").asText().equals("DeliveredEvent"))
                        .count() == 2);
        assertStep(timeline, "PatientRegisteredEvent", patient.id(), "hl7:EPIC/HOSP", "hl7");
        assertStep(timeline, "OrderPlacedEvent", orderId, "hl7:EPIC/HOSP", "hl7");
        assertStep(timeline, "ProcedureScheduledEvent", orderId, "hl7:EPIC/HOSP", "hl7");
        assertStep(timeline, "ProcedureStepStartedEvent", orderId, "dicom:" + CtScanner.AE_TITLE, "dicom");
        assertStep(timeline, "InstancesReceivedEvent", studyUid, "dicom:" + CtScanner.AE_TITLE, "dicom");
        assertStep(timeline, "StudyMatchedToOrderEvent", studyUid, "dicom:" + CtScanner.AE_TITLE, "dicom");
        assertStep(timeline, "ProcedureStepCompletedEvent", orderId, "dicom:" + CtScanner.AE_TITLE, "dicom");
        assertStep(timeline, "StorageCommittedEvent", studyUid, "dicom:" + CtScanner.AE_TITLE, "dicom");
        assertStep(timeline, "ChargeCapturedEvent", "charge-" + orderId, null, null);
        assertStep(timeline, "DeliveredEvent", "charge/charge-" + orderId + "/BILLING", "hl7:RISPACS/RISPACS",
                "hl7");
        assertStep(timeline, "ReportSignedEvent", reportId, RADIOLOGIST, "http");
        assertStep(timeline, "DeliveredEvent", reportId + "/EHR/0", "hl7:RISPACS/RISPACS", "hl7");
        assertStep(timeline, "PatientDataViewedEvent", "", RADIOLOGIST, "http");
    }

    /** Failure 1: the console's patient id, or its accession, disagrees with the order. */
    @Test
    @Order(2)
    void aStudyThatDisagreesWithItsOrderIsUnmatchedWithItsReasonThenReconciledBilledAndRead() throws Exception {
        EhrFeed.Patient patient = new EhrFeed.Patient("MIS-" + RUN, "Mismatch", "Mia", "19811111", "F");
        Scheduled wrongPatient = schedule(patient, "PO-WRONGPAT-" + RUN, "1500");
        Scheduled wrongAccession = schedule(patient, "PO-WRONGACC-" + RUN, "1530");

        // typed at the console: a patient id with a stray character, and an accession with a digit swapped
        String typo = patient.id() + "7";
        perform(wrongPatient, typo, wrongPatient.accession());
        String swapped = wrongAccession.accession().substring(0, wrongAccession.accession().length() - 2)
                + new StringBuilder(wrongAccession.accession().substring(wrongAccession.accession().length() - 2))
                .reverse() + "9";
        store(wrongAccession, patient.id(), swapped);

        JsonNode patientMismatch = unmatched(wrongPatient.studyUid());
        assertThat(patientMismatch.get("reason").asText()).isEqualTo("PATIENT_MISMATCH");
        assertThat(patientMismatch.get("detail").asText()).contains(typo).contains(patient.id() + "^^^HOSP")
                .contains("is not the order's");
        assertThat(patientMismatch.get("patientId").asText()).isEqualTo(typo);
        JsonNode unknownAccession = unmatched(wrongAccession.studyUid());
        assertThat(unknownAccession.get("reason").asText()).isEqualTo("UNKNOWN_ACCESSION");
        assertThat(unknownAccession.get("detail").asText()).isEqualTo("no order holds accession number " + swapped);
        assertThat(chargeOf(wrongPatient.orderId())).as("no charge before the study is linked").isNull();
        JsonNode health = json("/api/interfaces/health");
        assertThat(health.get("unmatchedStudiesInWindow").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(health.get("alerts").findValuesAsText("kind")).contains("UNMATCHED_STUDIES");

        // the technologist sees them, with the listener's state, and links each with a note
        browser.signIn(TECHNOLOGIST, PASSWORD);
        browser.open("/interfaces");
        WebElement dicom = browser.find(By.id("components")).findElements(By.tagName("tr")).stream()
                .filter(row -> row.getText().startsWith("dicom")).findFirst().orElseThrow();
        assertThat(dicom.getText()).contains("UP").contains("RISPACS").contains(String.valueOf(app.dicomPort()));
        assertThat(browser.text(By.id("unmatched-count"))).isNotEqualTo("0");
        assertThat(browser.text(By.id("alert-banner"))).contains("await reconciliation");

        reconcile(wrongPatient.studyUid(), wrongPatient.orderId(), true,
                "Patient id mistyped at the CT console; name, birth date and accession agree.");
        reconcile(wrongAccession.studyUid(), wrongAccession.orderId(), false,
                "Accession digits swapped at the console; same patient, same time slot.");
        List<String> stillUnmatched = json("/api/studies/unmatched?size=500").findValuesAsText("studyInstanceUid");
        assertThat(stillUnmatched).doesNotContain(wrongPatient.studyUid(), wrongAccession.studyUid());

        // linked: billed to the right patient, and on the radiologists' worklist
        JsonNode charge = eventually(() -> chargeOf(wrongPatient.orderId()), found -> found != null);
        assertThat(charge.get("studyInstanceUid").asText()).isEqualTo(wrongPatient.studyUid());
        assertThat(charge.get("patientId").asText()).isEqualTo(patient.id());
        String dft = eventually(() -> billing.received(wrongPatient.placer()), list -> !list.isEmpty()).get(0);
        assertThat(fieldOf(dft, "PID", 3)).isEqualTo(patient.id() + "^^^HOSP");
        JsonNode reading = eventually(() -> readingItem(wrongPatient.orderId()), found -> found != null);
        assertThat(reading.get("studyInstanceUid").asText()).isEqualTo(wrongPatient.studyUid());
        assertThat(reading.get("patientId").asText()).isEqualTo(patient.id());
        Map<String, JsonNode> audit = eventually(() -> timeline("studyInstanceUid=" + wrongAccession.studyUid()),
                entries -> entries.values().stream().anyMatch(e -> e.get("type").asText()
                        .equals("StudyReconciledEvent")));
        JsonNode reconciled = audit.values().stream().filter(e -> e.get("type").asText()
                .equals("StudyReconciledEvent")).findFirst().orElseThrow();
        assertThat(reconciled.get("actor").asText()).isEqualTo(TECHNOLOGIST);
        assertThat(reconciled.get("channel").asText()).isEqualTo("http");
        assertThat(reconciled.get("payload").asText()).contains(wrongAccession.orderId()).contains("digits swapped");
    }

    /** Failure 3: the same accession written differently is the same accession; a reused or unknown one is shown. */
    @Test
    @Order(3)
    void accessionPaddingCaseAndCharacterSetAreNormalisedAndDuplicatesAndUnknownsAreUnmatched() throws Exception {
        EhrFeed.Patient patient = new EhrFeed.Patient("ACC-" + RUN, "Akzession", "Änne", "19650505", "F");
        assertThat(feed.register(patient)).contains("MSA|AA|");
        String padded = "pad-" + RUN.toLowerCase();
        assertThat(feed.order(patient, new EhrFeed.Order("PO-PAD-" + RUN, "CTHEAD", "CT head", today("1600"),
                padded))).contains("MSA|AA|");
        String latin = "ÉCHO-" + RUN;
        assertThat(feed.order(patient, new EhrFeed.Order("PO-LATIN-" + RUN, "CTHEAD", "CT head", today("1610"),
                latin), "8859/1", StandardCharsets.ISO_8859_1)).contains("MSA|AA|");
        assertThat(feed.order(patient, new EhrFeed.Order("PO-WIDE-" + RUN, "CTHEAD", "CT head", today("1620"),
                null))).contains("MSA|AA|");
        JsonNode items = eventually(() -> json("/api/worklists/modality?patientId=" + patient.id()),
                found -> found.size() == 3);
        Map<String, JsonNode> byAccession = new LinkedHashMap<>();
        items.forEach(item -> byAccession.put(item.get("accessionNumber").asText(), item));
        assertThat(byAccession).as("kept as the placer sent them").containsKeys(padded, latin);
        String generated = byAccession.keySet().stream().filter(a -> a.startsWith("RIS")).findFirst().orElseThrow();

        // DICOM pads with spaces; the console typed lower case
        String paddedStudy = studyFor(patient, "  " + padded.substring(0, 1).toUpperCase() + padded.substring(1)
                + "  ", "ISO_IR 100", StandardCharsets.ISO_8859_1);
        // the order came in Latin-1 over HL7, the study in UTF-8 over DICOM, in lower case
        String utf8Study = studyFor(patient, latin.toLowerCase(), "ISO_IR 192", StandardCharsets.UTF_8);
        // a console that typed the accession in full-width characters
        String wideStudy = studyFor(patient, fullWidth(generated), "ISO_IR 192", StandardCharsets.UTF_8);
        assertMatched(paddedStudy, byAccession.get(padded).get("orderId").asText());
        assertMatched(utf8Study, byAccession.get(latin).get("orderId").asText());
        assertMatched(wideStudy, byAccession.get(generated).get("orderId").asText());

        // a second study under an accession already used, and one no order holds
        String duplicate = studyFor(patient, padded, null, StandardCharsets.US_ASCII);
        String unknown = studyFor(patient, "NOSUCH-" + RUN, null, StandardCharsets.US_ASCII);
        JsonNode duplicated = unmatched(duplicate);
        assertThat(duplicated.get("reason").asText()).isEqualTo("DUPLICATE_ACCESSION");
        assertThat(duplicated.get("detail").asText()).isEqualTo("accession " + padded
                + " already belongs to study " + paddedStudy);
        JsonNode nobodys = unmatched(unknown);
        assertThat(nobodys.get("reason").asText()).isEqualTo("UNKNOWN_ACCESSION");
        assertThat(nobodys.get("detail").asText()).isEqualTo("no order holds accession number NOSUCH-" + RUN);
        browser.signIn(TECHNOLOGIST, PASSWORD);
        browser.open("/reconciliation");
        assertThat(browser.text(By.cssSelector("tr[data-study-uid='" + duplicate + "']")))
                .contains("DUPLICATE_ACCESSION").contains(padded);
        assertThat(browser.text(By.cssSelector("tr[data-study-uid='" + unknown + "']")))
                .contains("UNKNOWN_ACCESSION").contains("NOSUCH-" + RUN);
    }

    /** Failure 2: the EHR stops acknowledging results; the department notices, and nothing is lost or reordered. */
    @Test
    @Order(4)
    void resultsWaitOutAnEhrOutageLoudlyAndArriveInOrderWhenItIsBack() throws Exception {
        EhrFeed.Patient patient = new EhrFeed.Patient("OUT-" + RUN, "Outage", "Otto", "19580808", "M");
        Scheduled first = schedule(patient, "PO-FIRST-" + RUN, "1700");
        Scheduled second = schedule(patient, "PO-SECOND-" + RUN, "1710");
        perform(first, patient.id(), first.accession());
        perform(second, patient.id(), second.accession());
        eventually(() -> readingItem(second.orderId()), found -> found != null);
        eventually(() -> readingItem(first.orderId()), found -> found != null);

        ehr.stop();
        sign(first.orderId(), "First result: small left pleural effusion.");
        Instant signed = Instant.now();
        JsonNode alert = eventually(() -> json("/api/interfaces/health").get("alerts"),
                alerts -> alerts.findValuesAsText("kind").contains("DELIVERY_UNACKED"));
        Duration noticed = Duration.between(signed, Instant.now());
        assertThat(noticed).as("alert raised once the configured %ss have passed (plus processing lag)",
                UNACKED_ALERT_SECONDS).isLessThan(Duration.ofSeconds(UNACKED_ALERT_SECONDS + 15));
        assertThat(alert.findValuesAsText("message")).anyMatch(message -> message.contains("deliveries to EHR")
                && message.contains("unacknowledged for more than"));
        assertThat(ehrHealth().path("lastError").asText()).startsWith("connection refused");
        browser.signIn(TECHNOLOGIST, PASSWORD);
        browser.open("/interfaces");
        assertThat(browser.text(By.id("alert-banner"))).contains("deliveries to EHR unacknowledged");

        // the EHR answers again, first with a NAK, then with garbage; a second result is signed meanwhile
        ehr.restart();
        ehr.answerUnscripted("AE");
        eventually(() -> assertThat(ehrHealth().path("lastError").asText()).startsWith("AE: not today"));
        ehr.answerUnscripted("GARBLED");
        sign(second.orderId(), "Second result: effusion unchanged.");
        eventually(() -> assertThat(ehrHealth().path("lastError").asText()).contains("garbled"));
        eventually(() -> assertThat(ehrHealth().get("pending").asLong()).isGreaterThanOrEqualTo(2));
        assertThat(ehr.received(second.placer())).as("the second waits behind the first, without attempts").isEmpty();
        assertThat(ehr.accepted()).doesNotContain(first.placer(), second.placer());

        ehr.answerUnscripted("AA");
        eventually(() -> assertThat(ehr.accepted()).contains(first.placer(), second.placer()));
        assertThat(ehr.accepted().stream().filter(key -> key.equals(first.placer()) || key.equals(second.placer())))
                .as("results in the order they were signed").containsExactly(first.placer(), second.placer());
        assertThat(fieldOf(ehr.received(first.placer()).get(0), "OBR", 18)).isEqualTo(first.accession());
        eventually(() -> assertThat(json("/api/interfaces/health").get("alerts").findValuesAsText("kind"))
                .doesNotContain("DELIVERY_UNACKED", "DELIVERY_FAILED"));
    }

    private void createStaffThroughTheAdministrationPage() throws Exception {
        browser.signIn("admin", ADMIN_INITIAL);
        browser.find(By.id("currentPassword")).sendKeys(ADMIN_INITIAL);
        browser.find(By.id("newPassword")).sendKeys(ADMIN_PASSWORD);
        browser.find(By.id("confirmation")).sendKeys(ADMIN_PASSWORD);
        browser.find(By.id("change-password")).click();
        browser.waitFor(driver -> driver.getCurrentUrl().contains("passwordChanged"));
        browser.signIn("admin", ADMIN_PASSWORD);
        createUser(RADIOLOGIST, "Dr Rad Dept", "RADIOLOGIST");
        createUser(TECHNOLOGIST, "Tess Tech", "TECHNOLOGIST");
        for (String user : List.of(RADIOLOGIST, TECHNOLOGIST)) {
            browser.signIn(user, "temporary-" + user);
            browser.find(By.id("currentPassword")).sendKeys("temporary-" + user);
            browser.find(By.id("newPassword")).sendKeys(PASSWORD);
            browser.find(By.id("confirmation")).sendKeys(PASSWORD);
            browser.find(By.id("change-password")).click();
            browser.waitFor(driver -> driver.getCurrentUrl().contains("passwordChanged"));
        }
    }

    private void createUser(String username, String name, String role) {
        browser.open("/admin/users");
        browser.find(By.id("new-username")).sendKeys(username);
        browser.find(By.id("new-name")).sendKeys(name);
        browser.find(By.cssSelector("#new-user input[value=" + role + "]")).click();
        browser.find(By.id("new-password")).sendKeys("temporary-" + username);
        browser.find(By.id("create-user")).click();
        assertThat(browser.text(By.id("done"))).contains(username);
    }

    /** The worklist item the REST API lists for the patient, once the order is scheduled. */
    private JsonNode worklistItem(String patientId) {
        return eventually(() -> json("/api/worklists/modality?patientId=" + patientId), items -> items.size() == 1)
                .get(0);
    }

    private JsonNode chargeOf(String orderId) {
        for (JsonNode charge : json("/api/billing/charges?size=500")) {
            if (charge.get("orderId").asText().equals(orderId)) {
                return charge;
            }
        }
        return null;
    }

    /** The union of the audit timeline's answers to the queries, by event id, oldest first. */
    private Map<String, JsonNode> timeline(String... queries) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (String query : queries) {
            for (JsonNode entry : json("/api/audit/timeline?size=500&" + query)) {
                entries.put(entry.get("eventId").asText(), entry);
            }
        }
        return entries;
    }

    /** GET with the integration account, for use inside {@code eventually}. */
    private JsonNode json(String pathAndQuery) {
        try {
            return app.getJson(pathAndQuery);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An order the EHR placed and the RIS scheduled, as the worklist offers it. */
    private record Scheduled(String placer, String orderId, String accession, String studyUid) {
    }

    private Scheduled schedule(EhrFeed.Patient patient, String placer, String hhmm) throws Exception {
        assertThat(feed.register(patient)).contains("MSA|AA|");
        assertThat(feed.order(patient, new EhrFeed.Order(placer, "CTABD", "CT abdomen", today(hhmm), null)))
                .contains("MSA|AA|");
        String start = "T" + hhmm.substring(0, 2) + ":" + hhmm.substring(2);
        JsonNode item = eventually(() -> {
            for (JsonNode candidate : json("/api/worklists/modality?patientId=" + patient.id())) {
                if (candidate.get("scheduledStart").asText().contains(start)) {
                    return candidate;
                }
            }
            return null;
        }, found -> found != null);
        return new Scheduled(placer, item.get("orderId").asText(), item.get("accessionNumber").asText(),
                item.get("studyInstanceUid").asText());
    }

    /** The CT's part: MPPS in progress, the images (with what the console says), MPPS completed, commitment. */
    private void perform(Scheduled exam, String patientIdOnConsole, String accessionOnConsole) throws Exception {
        String mpps = uid();
        JsonNode started = ct.mpps("create", mpps, Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "PerformedStationAETitle", CtScanner.AE_TITLE, "Modality", "CT", "PatientID", patientIdOnConsole,
                "ScheduledStepAttributesSequence", List.of(Map.of("AccessionNumber", exam.accession(),
                        "StudyInstanceUID", exam.studyUid()))));
        assertThat(started.get("status").asInt()).as(started.toString()).isZero();
        List<String> instances = store(exam, patientIdOnConsole, accessionOnConsole);
        JsonNode completed = ct.mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", exam.studyUid() + ".1"))));
        assertThat(completed.get("status").asInt()).as(completed.toString()).isZero();
        List<JsonNode> commitment = ct.commit(uid(), instances);
        assertThat(only(commitment, "report").get("eventTypeId").asInt()).as(commitment.toString()).isEqualTo(1);
    }

    /** Two images of the exam's study, with the patient id and accession the console wrote; their SOP UIDs. */
    private List<String> store(Scheduled exam, String patientId, String accession) throws Exception {
        String series = exam.studyUid() + ".1";
        ct.store(ct.images(new CtScanner.Acquisition(exam.studyUid(), accession, patientId, "Console^Name"),
                series, 2));
        return List.of(series + ".1", series + ".2");
    }

    /** One image of a new study for the patient, under the accession as given; the study's UID. */
    private String studyFor(EhrFeed.Patient patient, String accession, String characterSet, Charset encoding)
            throws Exception {
        String study = uid();
        ct.store(ct.images(new CtScanner.Acquisition(study, accession, patient.id(), "HOSP",
                patient.family() + "^" + patient.given(), characterSet, encoding), study + ".1", 1));
        return study;
    }

    private void assertMatched(String studyUid, String orderId) {
        List<String> outcomes = List.of("StudyMatchedToOrderEvent", "StudyUnmatchedEvent");
        Map<String, JsonNode> events = eventually(() -> timeline("studyInstanceUid=" + studyUid),
                entries -> entries.values().stream().anyMatch(e -> outcomes.contains(e.get("type").asText())));
        List<JsonNode> outcome = events.values().stream().filter(e -> outcomes.contains(e.get("type").asText()))
                .toList();
        assertThat(outcome).as("matched, not unmatched: %s", outcome).hasSize(1);
        assertThat(outcome.get(0).get("type").asText()).isEqualTo("StudyMatchedToOrderEvent");
        assertThat(outcome.get(0).get("payload").asText()).contains(orderId);
    }

    /** The study as the unmatched view lists it, once it does. */
    private JsonNode unmatched(String studyUid) {
        return eventually(() -> {
            for (JsonNode study : json("/api/studies/unmatched?size=500")) {
                if (study.get("studyInstanceUid").asText().equals(studyUid)) {
                    return study;
                }
            }
            return null;
        }, found -> found != null);
    }

    /** A technologist links the study on the reconciliation page, confirming the patient correction if asked to. */
    private void reconcile(String studyUid, String orderId, boolean correctPatient, String note) {
        browser.signIn(TECHNOLOGIST, PASSWORD);
        eventually(() -> {
            browser.open("/reconciliation");
            browser.driver().findElement(By.cssSelector("tr[data-study-uid='" + studyUid + "'] a")).click();
        });
        browser.find(By.id("reconcile"));
        WebElement candidate = browser.driver().findElements(By.cssSelector("input[name=orderId]")).stream()
                .filter(input -> orderId.equals(input.getDomAttribute("value"))).findFirst()
                .orElseThrow(() -> new AssertionError("order " + orderId + " is not offered as a candidate"));
        candidate.click();
        if (correctPatient) {
            browser.find(By.id("correct-patient")).click();
        }
        browser.find(By.id("note")).sendKeys(note);
        browser.find(By.id("reconcile")).click();
        assertThat(browser.text(By.id("done"))).contains(studyUid).contains(orderId);
    }

    /** Waits for the element's text on the page the last click leads to (not the one it left). */
    private void awaitText(By element, String text) {
        browser.waitFor(driver -> {
            try {
                return driver.findElement(element).getText().equals(text);
            } catch (NoSuchElementException | StaleElementReferenceException notYet) {
                return false;
            }
        });
    }

    /** The radiologist writes and signs the report of the order on its page. */
    private void sign(String orderId, String text) {
        browser.signIn(RADIOLOGIST, PASSWORD);
        browser.open("/reading/studies/" + orderId);
        browser.find(By.id("report-text")).sendKeys(text);
        browser.find(By.id("sign-final")).click();
        awaitText(By.id("report-status"), "FINAL");
    }

    private JsonNode readingItem(String orderId) {
        for (JsonNode item : json("/api/worklists/reading?size=500")) {
            if (item.get("orderId").asText().equals(orderId)) {
                return item;
            }
        }
        return null;
    }

    private JsonNode ehrHealth() {
        for (JsonNode destination : json("/api/interfaces/health").get("destinations")) {
            if (destination.get("destination").asText().equals("EHR")) {
                return destination;
            }
        }
        return MissingNode.getInstance();
    }

    /** The same letters and digits as a console with a full-width input method types them. */
    private static String fullWidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append((char) (c >= '!' && c <= '~' ? c - '!' + '\uff01' : c)));
        return wide.toString();
    }

    /** The step is in the timeline (its aggregate id starting as given) with its who, when and source. */
    private static void assertStep(Map<String, JsonNode> timeline, String type, String aggregatePrefix, String actor,
                                   String channel) {
        List<JsonNode> steps = timeline.values().stream().filter(e -> e.get("type").asText().equals(type)
                && e.path("aggregateId").asText().startsWith(aggregatePrefix)).toList();
        assertThat(steps).as("%s of %s in the timeline %s", type, aggregatePrefix, timeline.values().stream()
                .map(e -> e.get("type").asText() + " " + e.path("aggregateId").asText()).toList()).isNotEmpty();
        if (actor != null) {
            // several users may have caused one kind of step (e.g. views by the test's own REST reads)
            assertThat(steps).extracting(e -> e.get("actor").asText()).as(type + " actors").contains(actor);
        }
        JsonNode step = actor == null ? steps.get(0)
                : steps.stream().filter(e -> e.get("actor").asText().equals(actor)).findFirst().orElseThrow();
        assertThat(step.get("actor").asText()).as(type + " actor").isNotBlank();
        assertThat(step.get("source").asText()).as(type + " source").isNotBlank();
        assertThat(Instant.parse(step.get("timestamp").asText())).as(type + " when")
                .isBefore(Instant.now().plusSeconds(1)).isAfter(Instant.now().minusSeconds(3600));
        if (channel != null) {
            assertThat(step.get("channel").asText()).as(type + " channel").isEqualTo(channel);
        }
    }

    private static JsonNode only(List<JsonNode> lines, String key) {
        List<JsonNode> found = lines.stream().filter(line -> line.has(key)).map(line -> line.get(key)).toList();
        assertThat(found).as("'" + key + "' in " + lines).hasSize(1);
        return found.get(0);
    }

    private static String today(String time) {
        return LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + time;
    }

    private static String uid() {
        return "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    }
}
