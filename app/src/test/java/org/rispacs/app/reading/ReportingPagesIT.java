package org.rispacs.app.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.event;
import static org.rispacs.app.support.Eventually.eventually;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
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
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReviseReportCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestCommands;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reporting workflow's pages in a real browser (Debian's chromium) against the whole
 * application on PostgreSQL and Elasticsearch (issue #17): two radiologists editing one report,
 * the draft kept through an expired session, the live worklist of an unattended reading station,
 * and a worklist longer than a page. Pages hold 5 rows here and a reading station is idle after
 * 25 seconds, so that neither needs hundreds of studies or half an hour.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReportingPagesIT extends PageTest {

    private static final String PASSWORD = "reporting-test-password";
    private static final int IDLE_SECONDS = 25;
    private static final Actor OTHER = new Actor("rad-other", "Dr Otto Other", ClinicalRole.RADIOLOGIST);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.reading.page-size", () -> "5");
        registry.add("ris.reading.idle-timeout", () -> IDLE_SECONDS + "s");
    }

    @BeforeAll
    void setUpUsers() throws Exception {
        user("rad-rep", "Dr Rita Report", PASSWORD, Role.RADIOLOGIST);
    }

    /** #17.3: a save based on a text another radiologist changed since is refused, and both texts are shown. */
    @Test
    void aStaleSaveIsRefusedNamingTheOtherAuthorAndBothTextsStayOnThePage() {
        String orderId = readyStudy("CT", OrderPriority.ROUTINE);
        String reportId = "report-" + orderId;
        String studyUid = item(orderId).studyInstanceUid();
        send(new DraftReportCommand(reportId, orderId, studyUid, OTHER, "Other: first look."));

        browser.signIn("rad-rep", PASSWORD);
        browser.open("/reading/studies/" + orderId);
        assertThat(browser.text(By.id("report-authorship")))
                .startsWith("Draft by Dr Otto Other").contains("last changed by Dr Otto Other");
        // meanwhile the other radiologist saves a new text (revision 2)
        send(new ReviseReportCommand(reportId, OTHER, "Other: nodule in the right upper lobe.", 1));

        WebElement editor = browser.find(By.id("report-text"));
        editor.clear();
        editor.sendKeys("Mine: lungs clear.");
        browser.find(By.id("save-report")).click();

        assertThat(browser.text(By.id("problem")))
                .contains("was changed by Dr Otto Other at").contains("compare both texts");
        assertThat(browser.find(By.id("report-text")).getDomProperty("value")).as("my text is kept")
                .isEqualTo("Mine: lungs clear.");
        assertThat(browser.find(By.id("current-version")).isDisplayed()).isTrue();
        assertThat(browser.text(By.id("current-text"))).isEqualTo("Other: nodule in the right upper lobe.");
        assertThat(texts(reportId)).as("nothing overwritten")
                .containsExactly("Other: first look.", "Other: nodule in the right upper lobe.");

        // having seen both, the radiologist merges and saves: now based on the current text
        editor = browser.find(By.id("report-text"));
        editor.clear();
        editor.sendKeys("Merged: nodule in the right upper lobe; otherwise clear.");
        browser.find(By.id("save-report")).click();
        assertThat(browser.text(By.id("done"))).contains("Report saved");
        browser.waitFor(driver -> "Dr Rita Report".equals(driver.findElement(By.id("last-author")).getText()));
        assertThat(texts(reportId)).last().isEqualTo("Merged: nodule in the right upper lobe; otherwise clear.");

        // the autosave is checked the same way: the other radiologist saves again, then this page autosaves
        send(new ReviseReportCommand(reportId, OTHER, "Other: see comparison.", 3));
        browser.find(By.id("report-text")).sendKeys(" Typed on.");
        browser.waitFor(driver -> driver.findElement(By.id("autosave-status")).getText().startsWith("Not saved"));
        assertThat(browser.text(By.id("autosave-status"))).contains("was changed by Dr Otto Other");
        assertThat(browser.text(By.id("current-text"))).isEqualTo("Other: see comparison.");
        assertThat(browser.find(By.id("current-version")).isDisplayed()).isTrue();
        assertThat(texts(reportId)).last().isEqualTo("Other: see comparison.");
        // signing now would sign a text this radiologist has seen: the editor's, based on revision 4
        browser.find(By.id("sign-final")).click();
        awaitStatus("FINAL");
        assertThat(event(eventStore, reportId, ReportSignedEvent.class).text())
                .isEqualTo("Merged: nodule in the right upper lobe; otherwise clear. Typed on.");
    }

    /** #17.4: the draft is autosaved while typing; after the session ends, nothing typed is lost. */
    @Test
    void theDraftIsAutosavedAndTextTypedAfterTheSessionEndedComesBackAfterSigningIn() {
        String orderId = readyStudy("CT", OrderPriority.HIGH);
        String reportId = "report-" + orderId;
        browser.signIn("rad-rep", PASSWORD);
        browser.open("/reading/studies/" + orderId);
        browser.find(By.id("report-text")).sendKeys("Autosaved findings.");
        browser.waitFor(driver -> driver.findElement(By.id("autosave-status")).getText()
                .startsWith("Draft saved automatically"));
        ReportDraftedEvent drafted = event(eventStore, reportId, ReportDraftedEvent.class);
        assertThat(drafted.text()).isEqualTo("Autosaved findings.");
        assertThat(drafted.author().id()).isEqualTo("rad-rep");

        // the session ends: the browser still sends its cookie, which the server no longer knows
        expireSession();
        browser.find(By.id("report-text")).sendKeys(" Typed after the session ended.");
        browser.waitFor(driver -> driver.findElement(By.id("autosave-status")).getText()
                .contains("Your session has expired"));
        assertThat(browser.find(By.id("sign-in-again")).isDisplayed()).isTrue();
        browser.find(By.id("sign-final")).click();
        browser.waitFor(driver -> !driver.getCurrentUrl().contains("/reading/studies/" + orderId)
                || driver.findElements(By.id("report-form")).isEmpty());
        assertThat(texts(reportId)).containsExactly("Autosaved findings.");

        // signed in again (sessionStorage belongs to the tab, not to the session), the study has the text back
        browser.signIn("rad-rep", PASSWORD);
        browser.open("/reading/studies/" + orderId);
        assertThat(browser.find(By.id("report-text")).getDomProperty("value"))
                .isEqualTo("Autosaved findings. Typed after the session ended.");
        assertThat(browser.text(By.id("restored-text"))).contains("Restored the text you typed");
        browser.waitFor(driver -> driver.findElement(By.id("autosave-status")).getText()
                .startsWith("Draft saved automatically"));
        assertThat(texts(reportId)).last().isEqualTo("Autosaved findings. Typed after the session ended.");
        browser.find(By.id("sign-final")).click();
        awaitStatus("FINAL");
        assertThat(event(eventStore, reportId, ReportSignedEvent.class).text())
                .isEqualTo("Autosaved findings. Typed after the session ended.");
    }

    /** #17.6: the total is shown, and the studies beyond the first page are a page away, never hidden. */
    @Test
    void theWorklistShowsHowManyStudiesThereAreAndPagesThroughThem() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            orders.add(readyStudy("DX", OrderPriority.ROUTINE));
        }
        browser.signIn("rad-rep", PASSWORD);
        browser.open("/reading?modality=DX");
        assertThat(browser.text(By.id("worklist-count")))
                .isEqualTo("7 studies to read; showing 1–5, most urgent first");
        assertThat(browser.driver().findElements(By.cssSelector("#worklist-rows tr[data-order-id]"))).hasSize(5);
        awaitStream();
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        script.executeScript("window.sameDocument = 'yes';");

        // one more becomes ready past the first page: the count changes live
        orders.add(readyStudy("DX", OrderPriority.LOW));
        browser.waitFor(driver -> driver.findElement(By.id("worklist-count")).getText()
                .startsWith("8 studies to read"));
        assertThat(script.executeScript("return window.sameDocument;")).as("no reload").isEqualTo("yes");

        browser.find(By.id("next-page")).click();
        assertThat(browser.text(By.id("worklist-count")))
                .isEqualTo("8 studies to read; showing 6–8, most urgent first");
        List<String> shown = new ArrayList<>(browser.driver()
                .findElements(By.cssSelector("#worklist-rows tr[data-order-id]")).stream()
                .map(row -> row.getDomAttribute("data-order-id")).toList());
        assertThat(shown).hasSize(3);
        browser.find(By.id("previous-page")).click();
        shown.addAll(browser.driver().findElements(By.cssSelector("#worklist-rows tr[data-order-id]")).stream()
                .map(row -> row.getDomAttribute("data-order-id")).toList());
        assertThat(shown).as("every study on one page or the other").containsExactlyInAnyOrderElementsOf(orders);
    }

    /**
     * #17.5: live updates do not keep a session alive; when it ends the list asks to sign in again
     * instead of showing the sign-in page in the table, and nothing is logged as an error.
     */
    @Test
    void anUnattendedReadingStationIsSignedOutAndItsListAsksToSignInAgain(CapturedOutput output) {
        String shownOrder = readyStudy("NM", OrderPriority.ROUTINE);
        browser.signIn("rad-rep", PASSWORD);
        browser.open("/reading?modality=NM");
        browser.find(By.cssSelector("tr[data-order-id='" + shownOrder + "']"));
        awaitStream();

        // a change while the session is gone (the server no longer knows the browser's cookie)
        expireSession();
        readyStudy("NM", OrderPriority.STAT);
        browser.waitFor(driver -> driver.findElement(By.id("session-expired")).isDisplayed());
        assertThat(browser.driver().findElements(By.cssSelector("#worklist #username, #worklist form")))
                .as("no sign-in page inside the list").isEmpty();
        assertThat(browser.find(By.cssSelector("tr[data-order-id='" + shownOrder + "']")).isDisplayed()).isTrue();

        // a station left alone: the stream and its heartbeats go on, but the session ends after the idle time
        browser.signIn("rad-rep", PASSWORD);
        browser.open("/reading?modality=NM");
        browser.find(By.id("worklist-rows"));
        awaitStream();
        long opened = System.currentTimeMillis();
        assertThat(browser.find(By.id("session-expired")).isDisplayed()).isFalse();
        browser.waitFor(driver -> driver.findElement(By.id("session-expired")).isDisplayed());
        assertThat(System.currentTimeMillis() - opened).as("not before the idle time")
                .isGreaterThanOrEqualTo((IDLE_SECONDS - 2) * 1000L);
        assertThat(browser.driver().findElements(By.cssSelector("#worklist #username"))).isEmpty();
        browser.open("/reading");
        browser.find(By.id("username"));
        assertThat(browser.path()).startsWith("/login");
        assertThat(output.getAll()).doesNotContain("already committed");
    }

    /** The page after a form's submission: the status of the new page, not of the one it replaces. */
    private void awaitStatus(String status) {
        browser.waitFor(driver -> status.equals(driver.findElement(By.id("report-status")).getText()));
    }

    private void awaitStream() {
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        browser.waitFor(driver -> Boolean.TRUE.equals(script.executeScript("const data = document.querySelector("
                + "'[sse-connect]')['htmx-internal-data']; return !!data && !!data.sseEventSource"
                + " && data.sseEventSource.readyState === 1;")));
    }

    /** The browser keeps sending a session cookie the server does not know, as after the session timed out. */
    private void expireSession() {
        browser.driver().manage().deleteCookieNamed("JSESSIONID");
        browser.driver().manage().addCookie(new Cookie.Builder("JSESSIONID", "EXPIRED" + UUID.randomUUID()
                .toString().replace("-", "").toUpperCase()).path("/").isHttpOnly(true).build());
    }

    private List<String> texts(String reportId) {
        return eventStore.readEvents(reportId).asStream().map(DomainEventMessage::getPayload)
                .map(payload -> payload instanceof ReportDraftedEvent drafted ? drafted.text()
                        : payload instanceof ReportRevisedEvent revised ? revised.text() : null)
                .filter(text -> text != null).toList();
    }

    private ReadingWorklistItem item(String orderId) {
        return eventually(() -> queries.query(new FindReadingWorklistItemQuery(orderId),
                        ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join().orElse(null),
                found -> found != null && found.waitingSince() != null);
    }

    /** A study completed, matched and committed: on the reading worklist once the read model has it. */
    private String readyStudy(String modality, OrderPriority priority) {
        PatientIdentifier patient = new PatientIdentifier("R-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Reading", "Patient", null, null,
                null), LocalDate.of(1960, 3, 4), "M")));
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("P-" + modality, "LOCAL",
                modality + " exam"), modality, priority, null, "Dr Who", null));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().withHour(12).withMinute(0), modality + "1",
                null, "Room " + modality));
        String accession = event(eventStore, orderId, AccessionAssignedEvent.class).accessionNumber();
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, modality + "1",
                new ReceivedStudyAttributes(patient.id(), null, null, accession, modality, null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab"))));
        event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        send(new RecordStorageCommitmentCommand(studyUid, "tx-" + studyUid, List.of(studyUid + ".1.1"), List.of()));
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        item(orderId);
        return orderId;
    }

    private void send(Object command) {
        TestCommands.send(commands, "reporting-it", command);
    }
}
