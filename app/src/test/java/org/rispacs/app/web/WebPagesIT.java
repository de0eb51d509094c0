package org.rispacs.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.event;
import static org.rispacs.app.support.Eventually.eventually;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.ClaimDeniedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.reading.WatchReadingWorklistQuery;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestDepartment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web pages in a real browser (Debian's chromium), one role at a time, against the whole
 * application on PostgreSQL and Elasticsearch; the workflow around them is driven through the
 * command gateway, as the edges would. (The README's screenshots are taken of the demo day, in DemoModeIT.)
 */
class WebPagesIT extends PageTest {

    private static final String ADMIN_INITIAL = "admin-initial-web-1";
    private static final String PASSWORD = "web-test-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.admin-initial-password", () -> ADMIN_INITIAL);
        registry.add("ris.workflow.report-destinations", () -> "EHR");
        // no EHR listens here: deliveries stay scheduled, which the report page shows
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    private TestDepartment department;

    @BeforeAll
    void setUpUsers() throws Exception {
        user("rad-web", "Dr Rita Web", PASSWORD, Role.RADIOLOGIST);
        user("tech-web", "Tom Tech", PASSWORD, Role.TECHNOLOGIST);
        user("bill-web", "Bill Clerk", PASSWORD, Role.BILLING);
        user("audit-web", "Ada Auditor", PASSWORD, Role.AUDITOR);
        department = new TestDepartment(commands, eventStore, "web-it");
    }

    @Test
    void theAdministratorChangesTheInitialPasswordThenManagesUsers() throws Exception {
        browser.open("/login");
        browser.signIn("admin", ADMIN_INITIAL);
        browser.find(By.id("change-password"));
        assertThat(browser.path()).isEqualTo("/account/password");
        browser.find(By.id("currentPassword")).sendKeys(ADMIN_INITIAL);
        browser.find(By.id("newPassword")).sendKeys("admin-chosen-password");
        browser.find(By.id("confirmation")).sendKeys("admin-chosen-password");
        browser.find(By.id("change-password")).click();
        browser.waitFor(driver -> driver.getCurrentUrl().contains("passwordChanged"));

        browser.signIn("admin", "admin-chosen-password");
        browser.open("/admin/users");
        browser.find(By.id("new-username")).sendKeys("new-tech");
        browser.find(By.id("new-name")).sendKeys("Nina New");
        browser.find(By.cssSelector("#new-user input[value=TECHNOLOGIST]")).click();
        browser.find(By.id("new-password")).sendKeys("temporary-password-1");
        browser.find(By.id("create-user")).click();
        assertThat(browser.text(By.id("done"))).contains("new-tech");
        assertThat(accounts.find("new-tech")).hasValueSatisfying(user -> {
            assertThat(user.roles()).containsExactly(Role.TECHNOLOGIST);
            assertThat(user.mustChangePassword()).isTrue();
        });
        browser.open("/interfaces");
        browser.find(By.id("components"));
    }

    @Test
    void aWrongRoleGetsForbidden() throws Exception {
        browser.signIn("bill-web", PASSWORD);
        browser.find(By.id("signed-in-user"));
        browser.open("/reading");
        assertThat(browser.text(By.id("forbidden"))).contains("403");
        browser.open("/audit");
        assertThat(browser.text(By.id("forbidden"))).contains("403");
        browser.screenshot("forbidden");
        browser.signIn("rad-web", PASSWORD);
        browser.open("/billing");
        assertThat(browser.text(By.id("forbidden"))).contains("403");
    }

    @Test
    void theReadingWorklistShowsANewStudyLiveAndTheRadiologistReportsAndSigns() throws Exception {
        browser.signIn("rad-web", PASSWORD);
        browser.open("/reading?modality=CT");
        browser.find(By.id("worklist-rows"));
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        script.executeScript("window.sameDocument = 'yes';");
        // htmx has opened the event stream before the study becomes ready
        browser.waitFor(driver -> Boolean.TRUE.equals(script.executeScript("const data = document.querySelector("
                + "'[sse-connect]')['htmx-internal-data']; return !!data && !!data.sseEventSource"
                + " && data.sseEventSource.readyState === 1;")));

        // what the page's stream listens to: the read model announces each change once it is searchable
        List<String> announced = new CopyOnWriteArrayList<>();
        SubscriptionQueryResult<String, String> changes = queries.subscriptionQuery(new WatchReadingWorklistQuery(),
                ResponseTypes.instanceOf(String.class), ResponseTypes.instanceOf(String.class));
        changes.updates().subscribe(announced::add);

        PatientIdentifier patient = department.patient("Reading", "Rose");
        String orderId = department.order(patient, "CT", OrderPriority.STAT);
        String studyUid = department.acquire(patient, orderId, "CT");
        department.commit(studyUid);
        department.send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        eventually(() -> assertThat(announced).containsOnlyOnce(orderId));

        WebElement row = browser.find(By.cssSelector("tr[data-order-id='" + orderId + "']"));
        assertThat(script.executeScript("return window.sameDocument;")).as("no reload").isEqualTo("yes");
        assertThat(row.getText()).contains("Reading^Rose").contains("STAT").contains("NONE");

        row.findElement(By.tagName("a")).click();
        browser.find(By.id("report-text")).sendKeys("Lungs clear. No effusion.");
        browser.find(By.id("save-report")).click();
        browser.waitFor(d -> d.findElement(By.id("report-status")).getText().equals("DRAFT"));
        browser.find(By.id("report-text")).sendKeys(" Impression: normal chest CT.");
        browser.find(By.id("sign-preliminary")).click();
        browser.waitFor(d -> d.findElement(By.id("report-status")).getText().equals("PRELIMINARY"));
        browser.find(By.id("sign-final")).click();
        browser.waitFor(d -> d.findElement(By.id("report-status")).getText().equals("FINAL"));
        // ready, then each report status (draft, preliminary, final) announced
        eventually(() -> assertThat(announced.stream().filter(orderId::equals)).hasSizeGreaterThanOrEqualTo(4));
        changes.cancel();
        assertThat(browser.text(By.id("final-text")))
                .isEqualTo("Lungs clear. No effusion. Impression: normal chest CT.");
        String reportId = "report-" + orderId;
        ReportSignedEvent signed = event(eventStore, reportId, ReportSignedEvent.class, e -> true);
        assertThat(signed.signer().id()).isEqualTo("rad-web");
        assertThat(signed.signer().name()).isEqualTo("Dr Rita Web");

        browser.find(By.id("addendum-text")).sendKeys("Compared with outside films: unchanged.");
        browser.find(By.id("add-addendum")).click();
        // the sign's answer is on the page until the addendum's replaces it
        assertThat(browser.textOnceItHolds(By.id("done"), "Addendum added")).contains("Addendum added");
        event(eventStore, reportId, ReportAddendedEvent.class, e -> e.addendumNumber() == 1);
        eventually(() -> {
            browser.open("/reading/studies/" + orderId);
            assertThat(browser.text(By.id("deliveries"))).contains("EHR").contains("PENDING");
        });

        // the views were recorded: who saw which patient's data
        List<AuditEntry> views = eventually(() -> queries.query(new FindAuditTimelineQuery(patient.toString(), null,
                        null, null, null, "rad-web", null, null, 0, 100),
                ResponseTypes.multipleInstancesOf(AuditEntry.class)).join(), entries -> entries.stream()
                .anyMatch(entry -> entry.type().equals("PatientDataViewedEvent")
                        && entry.payload().contains("reading-study")));
        assertThat(views).allSatisfy(entry -> assertThat(entry.channel()).isEqualTo("http"));
    }

    @Test
    void aTechnologistSeesTodaysWorklistAndReconcilesAnUnmatchedStudyWithANote() throws Exception {
        PatientIdentifier patient = department.patient("Unmatched", "Una");
        String orderId = department.order(patient, "MR", OrderPriority.ROUTINE);
        String accession = event(eventStore, orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        String studyUid = TestDepartment.newStudyUid();
        // both the accession and the patient id mistyped: no candidate comes by itself, the order must be searched
        department.receive(studyUid, "WRONG" + accession.substring(Math.max(0, accession.length() - 6)), "MR",
                "MISTYPED-1", null);
        event(eventStore, studyUid, StudyUnmatchedEvent.class, e -> true);

        browser.signIn("tech-web", PASSWORD);
        browser.open("/scheduling?modality=MR");
        assertThat(browser.text(By.id("main"))).contains(accession);

        eventually(() -> {
            browser.open("/reconciliation");
            browser.find(By.cssSelector("tr[data-study-uid='" + studyUid + "'] a")).click();
        });
        browser.find(By.id("reconcile"));
        assertThat(browser.driver().findElements(By.cssSelector("input[name=orderId]"))).as("no candidate")
                .isEmpty();
        browser.find(By.id("search-patient-name")).sendKeys("unmatched^una");
        // a date input's typing order follows the browser's locale; its value is ISO whatever the locale
        javaScript().executeScript("arguments[0].value = arguments[1]", browser.find(By.id("search-date")),
                LocalDate.now().toString());
        browser.find(By.id("search-orders")).click();
        WebElement found = browser.find(By.cssSelector(".found-order[data-order-id='" + orderId + "']"));
        assertThat(found.getText()).contains("Unmatched^Una", patient.id(), accession, "MR");
        assertThat(browser.driver().findElements(By.cssSelector(".found-order"))).hasSize(1);
        found.findElement(By.cssSelector("input[name=orderId]")).click();
        WebElement note = browser.find(By.id("note"));
        assertThat(note.getDomAttribute("required")).as("the browser asks for the note").isNotNull();
        // and without the browser's check, the server refuses too
        javaScript().executeScript("arguments[0].removeAttribute('required')", note);
        browser.find(By.id("reconcile")).click();
        assertThat(browser.text(By.id("problem"))).as("the note is mandatory").contains("note");
        assertThat(browser.find(By.cssSelector(".found-order[data-order-id='" + orderId + "'] input[name=orderId]"))
                .isSelected()).as("the search and the choice are kept").isTrue();
        browser.find(By.id("note")).sendKeys("Accession and patient id mistyped at the console; name and day agree.");
        // the patient id the modality sent is not the order's: the correction must be confirmed
        browser.find(By.id("correct-patient")).click();
        browser.find(By.id("reconcile")).click();
        assertThat(browser.text(By.id("done"))).contains(studyUid);
        StudyReconciledEvent reconciled = event(eventStore, studyUid, StudyReconciledEvent.class, e -> true);
        assertThat(reconciled.orderId()).isEqualTo(orderId);
        assertThat(reconciled.reconciledBy()).isEqualTo("tech-web");
        assertThat(reconciled.note()).startsWith("Accession and patient id mistyped");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-study-uid='" + studyUid + "']"))).isEmpty();
    }

    @Test
    void billingStaffSubmitAndDenyAClaim() throws Exception {
        PatientIdentifier patient = department.patient("Billing", "Ben");
        String orderId = department.order(patient, "US", OrderPriority.ROUTINE);
        department.commit(department.acquire(patient, orderId, "US"));
        department.send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        String chargeId = ChargeIds.forOrder(orderId);
        event(eventStore, chargeId, ChargeCapturedEvent.class, e -> true);

        browser.signIn("bill-web", PASSWORD);
        By row = By.cssSelector("tr[data-charge-id='" + chargeId + "']");
        eventually(() -> {
            browser.open("/billing");
            browser.driver().findElement(row);
        });
        By status = By.cssSelector("tr[data-charge-id='" + chargeId + "'] .charge-status");
        browser.find(row).findElement(By.className("submit-claim")).click();
        // the row is swapped for the answer's: wait for the new one
        browser.waitFor(driver -> "CLAIM_SUBMITTED".equals(driver.findElement(status).getText()));
        browser.find(row).findElement(By.className("denial-reason")).sendKeys("CO-16 missing modifier");
        browser.find(row).findElement(By.className("deny-claim")).click();
        browser.waitFor(driver -> "CLAIM_DENIED".equals(driver.findElement(status).getText()));
        assertThat(browser.text(row)).contains("CO-16 missing modifier");
        assertThat(event(eventStore, chargeId, ClaimDeniedEvent.class, e -> true).reason())
                .isEqualTo("CO-16 missing modifier");
    }

    @Test
    void anAuditorSearchesTheTimelineAndReplaysAnOrderAsOfAnInstant() throws Exception {
        PatientIdentifier patient = department.patient("Audit", "Abe");
        String orderId = department.order(patient, "CR", OrderPriority.HIGH);
        event(eventStore, orderId, AccessionAssignedEvent.class, e -> true);

        browser.signIn("audit-web", PASSWORD);
        browser.open("/audit");
        browser.find(By.id("audit-patient")).sendKeys(patient.toString());
        browser.find(By.id("audit-search")).click();
        eventually(() -> {
            browser.driver().navigate().refresh();
            assertThat(browser.driver().findElements(By.cssSelector("tr.audit-entry")).stream()
                    .map(entry -> entry.getDomAttribute("data-type")).toList())
                    .contains("PatientRegisteredEvent", "OrderPlacedEvent", "ProcedureScheduledEvent");
        });
        assertThat(browser.text(By.id("timeline"))).contains("web-it").contains("test");

        browser.open("/audit/state?aggregateId=" + orderId);
        assertThat(browser.text(By.id("last-event"))).isEqualTo("ProcedureScheduledEvent");
        browser.open("/audit/state?aggregateId=" + orderId + "&at=2000-01-01T00:00:00");
        assertThat(browser.text(By.id("no-events"))).contains("No events");
        browser.open("/audit/state?aggregateId=" + orderId);
    }

    private JavascriptExecutor javaScript() {
        return (JavascriptExecutor) browser.driver();
    }
}
