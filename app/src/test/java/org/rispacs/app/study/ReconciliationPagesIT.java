package org.rispacs.app.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.event;
import static org.rispacs.app.support.Eventually.eventually;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.order.StudyLinkedToOrderEvent;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestDepartment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation in the browser, against the whole application on PostgreSQL and Elasticsearch:
 * a walk-in study cannot silently land on another patient's reported and billed order; what the
 * person confirms is done in full (old study back to the unmatched list, patient corrected), and
 * a study linked to a scheduled order completes it so that it reaches the radiologists.
 */
class ReconciliationPagesIT extends PageTest {

    private static final String PASSWORD = "reconcile-test-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.admin-initial-password", () -> "admin-initial-reconcile-1");
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    private TestDepartment department;

    @BeforeAll
    void setUpUsers() throws Exception {
        user("tech-rec", "Tess Tech", PASSWORD, Role.TECHNOLOGIST);
        department = new TestDepartment(commands, eventStore, "reconcile-it");
        browser.signIn("tech-rec", PASSWORD);
    }

    @Test
    void aWalkInStudyReplacesAReportedBilledOrdersStudyOnlyWhenThePersonConfirmsBoth() throws Exception {
        PatientIdentifier owner = department.patient("Owner", "Olga");
        String orderId = department.order(owner, "CT");
        String originalStudy = department.acquire(owner, orderId, "CT");
        department.commit(originalStudy);
        department.send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        String reportId = "report-" + orderId;
        Actor radiologist = new Actor("rad-1", "Dr Ray", ClinicalRole.RADIOLOGIST);
        eventually(() -> department.send(new DraftReportCommand(reportId, orderId, originalStudy, radiologist,
                "Normal.")));
        department.send(new SignReportCommand(reportId, radiologist));
        event(eventStore, reportId, ReportSignedEvent.class);
        event(eventStore, ChargeIds.forOrder(orderId), ChargeCapturedEvent.class);

        PatientIdentifier walkIn = department.patient("Walkin", "Wanda");
        String walkInStudy = TestDepartment.newStudyUid();
        department.receive(walkInStudy, "NOSUCH-" + walkInStudy.substring(walkInStudy.length() - 6), "CT",
                walkIn.id(), "HOSP");
        department.commit(walkInStudy);
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
        assertThat(browser.text(By.id("problem"))).as("the order has a reported study")
                .contains("already has study " + originalStudy);
        assertThat(browser.text(By.id("note"))).as("what was typed is kept")
                .isEqualTo("Wrong patient selected at the console");

        String chosenOrder = ".found-order[data-order-id='" + orderId + "'] input[name=orderId]";
        assertThat(browser.find(By.cssSelector(chosenOrder)).isSelected()).as("the choice is kept").isTrue();
        browser.find(By.id("mode-replace")).click();
        browser.find(By.id("reconcile")).click();
        // the first refusal is on the page until the second replaces it
        assertThat(browser.textOnceItHolds(By.id("problem"), "is of patient " + walkIn.id()))
                .as("another patient's order needs a confirmation").contains("confirm");
        assertThat(count(orderId)).as("a refusal keeps no trace on the order").isEqualTo(orderEvents);
        assertThat(count(walkInStudy)).as("nor on the study").isEqualTo(studyEvents);

        assertThat(browser.find(By.cssSelector(chosenOrder)).isSelected()).isTrue();
        assertThat(browser.find(By.id("mode-replace")).isSelected()).as("the choice is kept").isTrue();
        browser.find(By.id("correct-patient")).click();
        browser.find(By.id("reconcile")).click();
        assertThat(browser.text(By.id("done"))).contains(walkInStudy).contains("back in this list");

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
        assertThat(browser.text(By.cssSelector("tr[data-study-uid='" + originalStudy + "']")))
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
        assertThat(browser.text(By.id("review-reason"))).contains(originalStudy).contains(walkInStudy);
        department.send(new AddendReportCommand(reportId, radiologist,
                "Images replaced by the right study: findings unchanged."));
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
        assertThat(browser.text(By.id("main"))).contains(walkInStudy).contains("StudyLinkedToOrderEvent");
        browser.signIn("tech-rec", PASSWORD);
    }

    @Test
    void aCommittedStudyLinkedToAScheduledOrderCompletesItAndReachesTheReadingWorklist() throws Exception {
        PatientIdentifier patient = department.patient("Scheduled", "Sam");
        String orderId = department.order(patient, "MR");
        String study = TestDepartment.newStudyUid();
        // the modality sent no issuer and an accession typed wrong: the id alone agrees with the order's patient
        department.receive(study, "TYPO1", "CT", patient.id(), null);
        department.commit(study);
        event(eventStore, study, StudyUnmatchedEvent.class);

        openStudy(study);
        WebElement candidate = browser.find(By.cssSelector(".candidate"));
        assertThat(candidate.getText()).contains("same patient id").doesNotContain("another patient");
        candidate.findElement(By.cssSelector("input[name=orderId]")).click();
        browser.find(By.id("note")).sendKeys("Walk-in done before the order was scheduled on the console");
        browser.find(By.id("reconcile")).click();
        assertThat(browser.text(By.id("done"))).contains(study);

        ProcedureStepCompletedEvent completed = event(eventStore, orderId, ProcedureStepCompletedEvent.class);
        assertThat(completed.source()).isEqualTo(CompletionSource.RECONCILIATION);
        assertThat(event(eventStore, study, StudyReconciledEvent.class).orderId()).isEqualTo(orderId);
        assertThat(eventually(() -> readingItem(orderId), item -> study.equals(item.studyInstanceUid())).patientId())
                .isEqualTo(patient.id());
    }

    @Test
    void anOrderSearchSaysWhenMoreOrdersMatchThanItShows() throws Exception {
        String family = "Many" + UUID.randomUUID().toString().substring(0, 6);
        PatientIdentifier patient = department.patient(family, "Max");
        for (int i = 0; i < 51; i++) {
            department.order(patient, "US");
        }
        String study = TestDepartment.newStudyUid();
        department.receive(study, "NONE", "CT", "NOBODY-1", null);
        event(eventStore, study, StudyUnmatchedEvent.class);
        eventually(() -> {
            openStudy(study);
            browser.find(By.id("search-patient-name")).sendKeys(family);
            browser.find(By.id("search-orders")).click();
            assertThat(browser.driver().findElements(By.cssSelector(".found-order"))).hasSize(50);
        });
        assertThat(browser.text(By.id("more-found"))).contains("More orders match than the 50 shown");
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
}
