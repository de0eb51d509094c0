package org.rispacs.app.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.event;
import static org.rispacs.app.support.Eventually.eventually;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.order.StudyLinkMode;
import org.rispacs.api.order.StudyLinkedToOrderEvent;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.support.TestCommands;
import org.rispacs.app.support.TestProperties;
import org.rispacs.app.web.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation in the browser, against the whole application on PostgreSQL and Elasticsearch:
 * a walk-in study cannot silently land on another patient's reported and billed order; what the
 * person confirms is done in full (old study back to the unmatched list, patient corrected), and
 * a study linked to a scheduled order completes it so that it reaches the radiologists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationPagesIT {

    private static final String PASSWORD = "reconcile-test-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
        registry.add("ris.admin-initial-password", () -> "admin-initial-reconcile-1");
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore eventStore;
    @Autowired
    UserAccounts accounts;

    private Browser browser;

    @BeforeAll
    void startBrowser() throws Exception {
        accounts.createIfAbsent("tech-rec", "Tess Tech", PASSWORD, EnumSet.of(Role.TECHNOLOGIST), false);
        browser = new Browser(port);
        browser.signIn("tech-rec", PASSWORD);
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aWalkInStudyReplacesAReportedBilledOrdersStudyOnlyWhenThePersonConfirmsBoth() throws Exception {
        PatientIdentifier owner = patient("Owner", "Olga");
        String orderId = order(owner, "CT");
        String originalStudy = acquire(owner, orderId);
        commit(originalStudy);
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        String reportId = "report-" + orderId;
        Actor radiologist = new Actor("rad-1", "Dr Ray", ClinicalRole.RADIOLOGIST);
        eventually(() -> send(new DraftReportCommand(reportId, orderId, originalStudy, radiologist, "Normal.")));
        send(new SignReportCommand(reportId, radiologist));
        event(eventStore, reportId, ReportSignedEvent.class);
        event(eventStore, ChargeIds.forOrder(orderId), ChargeCapturedEvent.class);

        PatientIdentifier walkIn = patient("Walkin", "Wanda");
        String walkInStudy = newStudyUid();
        receive(walkInStudy, "NOSUCH-" + walkInStudy.substring(walkInStudy.length() - 6), walkIn.id(), "HOSP");
        commit(walkInStudy);
        event(eventStore, walkInStudy, StudyUnmatchedEvent.class);
        long orderEvents = count(orderId);
        long studyEvents = count(walkInStudy);

        openStudy(walkInStudy);
        String accession = event(eventStore, orderId, AccessionAssignedEvent.class).accessionNumber();
        browser.find(By.id("search-accession")).sendKeys(accession);
        browser.find(By.id("search-orders")).click();
        WebElement found = browser.find(By.cssSelector(".found-order[data-order-id='" + orderId + "']"));
        assertThat(found.getText()).as("the mismatch is shown before anything is done")
                .contains("another patient").contains("COMPLETED");
        found.findElement(By.cssSelector("input[name=orderId]")).click();
        browser.find(By.id("note")).sendKeys("Wrong patient selected at the console");
        browser.find(By.id("reconcile")).click();
        assertThat(browser.find(By.id("problem")).getText()).as("the order has a reported study")
                .contains("already has study " + originalStudy);
        assertThat(browser.find(By.id("note")).getText()).as("what was typed is kept")
                .isEqualTo("Wrong patient selected at the console");

        String chosenOrder = ".found-order[data-order-id='" + orderId + "'] input[name=orderId]";
        assertThat(browser.find(By.cssSelector(chosenOrder)).isSelected()).as("the choice is kept").isTrue();
        browser.find(By.id("mode-replace")).click();
        browser.find(By.id("reconcile")).click();
        assertThat(browser.find(By.id("problem")).getText()).as("another patient's order needs a confirmation")
                .contains("is of patient " + walkIn.id()).contains("confirm");
        assertThat(count(orderId)).as("a refusal keeps no trace on the order").isEqualTo(orderEvents);
        assertThat(count(walkInStudy)).as("nor on the study").isEqualTo(studyEvents);

        assertThat(browser.find(By.cssSelector(chosenOrder)).isSelected()).isTrue();
        assertThat(browser.find(By.id("mode-replace")).isSelected()).as("the choice is kept").isTrue();
        browser.find(By.id("correct-patient")).click();
        browser.find(By.id("reconcile")).click();
        assertThat(browser.find(By.id("done")).getText()).contains(walkInStudy).contains("back in this list");

        StudyDetachedFromOrderEvent detached = event(eventStore, orderId, StudyDetachedFromOrderEvent.class);
        assertThat(detached.studyInstanceUid()).isEqualTo(originalStudy);
        assertThat(detached.replacedBy()).isEqualTo(walkInStudy);
        StudyLinkedToOrderEvent linked = event(eventStore, orderId, StudyLinkedToOrderEvent.class);
        assertThat(linked.mode()).isEqualTo(StudyLinkMode.REPLACE_STUDY);
        assertThat(linked.linkedBy()).isEqualTo("tech-rec");
        StudyPatientReassignedEvent corrected = event(eventStore, walkInStudy, StudyPatientReassignedEvent.class);
        assertThat(corrected.previous()).isEqualTo(walkIn);
        assertThat(corrected.patient()).isEqualTo(owner);
        StudyUnmatchedEvent backToUnmatched = event(eventStore, originalStudy, StudyUnmatchedEvent.class);
        assertThat(backToUnmatched.reason()).isEqualTo(UnmatchedReason.DETACHED_FROM_ORDER);

        // every view tells the same story: the unmatched list, the reading worklist, the audit state and timeline
        UnmatchedStudy back = eventually(() -> unmatched(originalStudy), Optional::isPresent).orElseThrow();
        assertThat(back.detail()).contains("replaced by study " + walkInStudy);
        assertThat(browser.find(By.cssSelector("tr[data-study-uid='" + originalStudy + "']")).getText())
                .contains("DETACHED_FROM_ORDER");
        ReadingWorklistItem reading = eventually(() -> readingItem(orderId),
                item -> walkInStudy.equals(item.studyInstanceUid()));
        assertThat(reading.reportStatus().name()).isEqualTo("FINAL");
        assertThat(reading.reviewReason()).as("the signed report must be reviewed")
                .contains("replaced by study " + walkInStudy);
        eventually(() -> assertThat(toRead()).as("back on the radiologists' list although signed").contains(orderId));
        accounts.createIfAbsent("rad-rec", "Dr Rev", PASSWORD, EnumSet.of(Role.RADIOLOGIST), false);
        browser.signIn("rad-rec", PASSWORD);
        browser.open("/reading/studies/" + orderId);
        assertThat(browser.find(By.id("review-reason")).getText()).contains(originalStudy).contains(walkInStudy);
        send(new AddendReportCommand(reportId, radiologist, "Images replaced by the right study: findings unchanged."));
        eventually(() -> readingItem(orderId), item -> item.reviewReason() == null);
        eventually(() -> assertThat(toRead()).as("the addendum closes the review").doesNotContain(orderId));
        List<AuditEntry> walkInTimeline = eventually(() -> timeline(walkIn), entries -> entries.stream()
                .anyMatch(entry -> entry.type().equals("StudyReconciledEvent")));
        assertThat(walkInTimeline).as("the walk-in's history shows where its study went")
                .anyMatch(entry -> entry.type().equals("StudyPatientReassignedEvent")
                        && entry.payload().contains(owner.id()));
        accounts.createIfAbsent("audit-rec", "Ann Auditor", PASSWORD, EnumSet.of(Role.AUDITOR), false);
        browser.signIn("audit-rec", PASSWORD);
        browser.open("/audit/state?aggregateId=" + orderId);
        assertThat(browser.find(By.id("main")).getText()).contains(walkInStudy).contains("StudyLinkedToOrderEvent");
        browser.signIn("tech-rec", PASSWORD);
    }

    @Test
    void aCommittedStudyLinkedToAScheduledOrderCompletesItAndReachesTheReadingWorklist() throws Exception {
        PatientIdentifier patient = patient("Scheduled", "Sam");
        String orderId = order(patient, "MR");
        String study = newStudyUid();
        // the modality sent no issuer and an accession typed wrong: the id alone agrees with the order's patient
        receive(study, "TYPO1", patient.id(), null);
        commit(study);
        event(eventStore, study, StudyUnmatchedEvent.class);

        openStudy(study);
        WebElement candidate = browser.find(By.cssSelector(".candidate"));
        assertThat(candidate.getText()).contains("same patient id").doesNotContain("another patient");
        candidate.findElement(By.cssSelector("input[name=orderId]")).click();
        browser.find(By.id("note")).sendKeys("Walk-in done before the order was scheduled on the console");
        browser.find(By.id("reconcile")).click();
        assertThat(browser.find(By.id("done")).getText()).contains(study);

        ProcedureStepCompletedEvent completed = event(eventStore, orderId, ProcedureStepCompletedEvent.class);
        assertThat(completed.source()).isEqualTo(CompletionSource.RECONCILIATION);
        assertThat(event(eventStore, study, StudyReconciledEvent.class).orderId()).isEqualTo(orderId);
        assertThat(eventually(() -> readingItem(orderId), item -> study.equals(item.studyInstanceUid())).patientId())
                .isEqualTo(patient.id());
    }

    @Test
    void anOrderSearchSaysWhenMoreOrdersMatchThanItShows() throws Exception {
        String family = "Many" + UUID.randomUUID().toString().substring(0, 6);
        PatientIdentifier patient = patient(family, "Max");
        for (int i = 0; i < 51; i++) {
            order(patient, "US");
        }
        String study = newStudyUid();
        receive(study, "NONE", "NOBODY-1", null);
        event(eventStore, study, StudyUnmatchedEvent.class);
        eventually(() -> {
            openStudy(study);
            browser.find(By.id("search-patient-name")).sendKeys(family);
            browser.find(By.id("search-orders")).click();
            assertThat(browser.driver().findElements(By.cssSelector(".found-order"))).hasSize(50);
        });
        assertThat(browser.find(By.id("more-found")).getText()).contains("More orders match than the 50 shown");
    }

    private void openStudy(String studyUid) {
        eventually(() -> {
            browser.open("/reconciliation");
            browser.find(By.cssSelector("tr[data-study-uid='" + studyUid + "'] a")).click();
            browser.find(By.id("reconcile"));
        });
    }

    private Optional<UnmatchedStudy> unmatched(String studyUid) {
        return queries.query(new FindUnmatchedStudiesQuery(null, 0, 1000),
                        ResponseTypes.multipleInstancesOf(UnmatchedStudy.class)).join().stream()
                .filter(study -> study.studyInstanceUid().equals(studyUid)).findFirst();
    }

    private ReadingWorklistItem readingItem(String orderId) {
        return queries.query(new FindReadingWorklistItemQuery(orderId),
                ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join().orElse(null);
    }

    private List<String> toRead() {
        return queries.query(new FindReadingWorklistQuery(null, null, null, null, 0, 500),
                        ResponseTypes.multipleInstancesOf(ReadingWorklistItem.class)).join().stream()
                .map(ReadingWorklistItem::orderId).toList();
    }

    private List<AuditEntry> timeline(PatientIdentifier patient) {
        return queries.query(new FindAuditTimelineQuery(patient.toString(), null, null, null, null, null, null, null,
                0, 200), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join();
    }

    private long count(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getSequenceNumber).count();
    }

    private PatientIdentifier patient(String family, String given) {
        PatientIdentifier patient = new PatientIdentifier("R-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName(family, given, null, null, null),
                LocalDate.of(1970, 1, 2), "F")));
        return patient;
    }

    private String order(PatientIdentifier patient, String modality) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("P-" + modality, "LOCAL",
                modality + " exam"), modality, OrderPriority.ROUTINE, null, "Dr Who", null));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().withHour(12).withMinute(0), modality + "1",
                null, "Room " + modality));
        return orderId;
    }

    private String acquire(PatientIdentifier patient, String orderId) {
        String accession = event(eventStore, orderId, AccessionAssignedEvent.class).accessionNumber();
        String studyUid = newStudyUid();
        receive(studyUid, accession, patient.id(), patient.issuer());
        event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        return studyUid;
    }

    private static String newStudyUid() {
        return "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    }

    private void receive(String studyUid, String accession, String patientId, String issuer) {
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, "CT1",
                new ReceivedStudyAttributes(patientId, issuer, null, accession, "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab"))));
    }

    private void commit(String studyUid) {
        send(new RecordStorageCommitmentCommand(studyUid, "tx-" + studyUid, List.of(studyUid + ".1.1"), List.of()));
    }

    private void send(Object command) {
        TestCommands.send(commands, "reconcile-it", command);
    }
}
