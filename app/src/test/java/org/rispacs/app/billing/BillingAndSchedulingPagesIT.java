package org.rispacs.app.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.event;
import static org.rispacs.app.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.ClaimPaidEvent;
import org.rispacs.api.billing.ClaimSubmittedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #17 in a real browser (Debian's chromium at 1280x800) against the whole application on
 * PostgreSQL and Elasticsearch: money on the billing page and API, moving steps on the scheduling
 * page, orders found by names as people type them, signed reports that no destination receives,
 * and pages that stay within the window whatever their content.
 */
class BillingAndSchedulingPagesIT extends PageTest {

    private static final String PASSWORD = "pages-test-password";
    /** What made the report page 3,300 px wide: a token with nowhere to break. */
    private static final String UNBROKEN = "https://pacs.example.org/viewer?study=" + "7".repeat(300);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        // no report destination: signed reports are delivered nowhere, which must be said
        registry.add("ris.workflow.report-destinations", () -> "");
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.billing.currency", () -> "EUR");
        registry.add("ris.billing.maximum-amount", () -> "50000");
        registry.add("ris.scheduling.station-modalities.CT1", () -> "CT");
        registry.add("ris.scheduling.station-modalities.US1", () -> "US");
    }

    private final ObjectMapper json = new ObjectMapper();
    private TestDepartment department;

    @BeforeAll
    void setUpUsers() throws Exception {
        user("bill-17", "Bea Billing", PASSWORD, Role.BILLING);
        user("tech-17", "Tim Tech", PASSWORD, Role.TECHNOLOGIST);
        user("rad-17", "Dr Ray Seventeen", PASSWORD, Role.RADIOLOGIST);
        user("audit-17", "Al Auditor", PASSWORD, Role.AUDITOR);
        department = new TestDepartment(commands, eventStore, "pages-17-it");
    }

    @Test
    void paymentsAreMoneyOfTheConfiguredCurrencyOnThePageAndTheApi() throws Exception {
        PatientIdentifier patient = department.patient("Payer", "Paula");
        String orderId = performed(patient, "US", "US1");
        String chargeId = ChargeIds.forOrder(orderId);
        event(eventStore, chargeId, ChargeCapturedEvent.class, e -> true);

        browser.signIn("bill-17", PASSWORD);
        By row = By.cssSelector("tr[data-charge-id='" + chargeId + "']");
        eventually(() -> {
            browser.open("/billing");
            browser.driver().findElement(row);
        });
        browser.find(row).findElement(By.className("submit-claim")).click();
        String claimId = event(eventStore, chargeId, ClaimSubmittedEvent.class, e -> true).claimId();
        browser.waitFor(driver -> !driver.findElement(row).findElements(By.className("paid-amount")).isEmpty());

        // the API refuses the same input with a problem document, before and in the command side
        JsonNode notAnAmount = pay(chargeId, claimId, "\"abc\"", "EUR");
        assertThat(notAnAmount.get("status").asInt()).isEqualTo(400);
        assertThat(notAnAmount.get("detail").asText()).contains("not an amount");
        assertThat(pay(chargeId, claimId, "1e9", "EUR").get("status").asInt()).isEqualTo(400);
        assertThat(pay(chargeId, claimId, "\"180,50\"", "EUR").get("detail").asText()).contains("180.50");
        JsonNode otherCurrency = pay(chargeId, claimId, "\"10.00\"", "USD");
        assertThat(otherCurrency.get("status").asInt()).isEqualTo(400);
        assertThat(otherCurrency.get("code").asText()).as("refused by the command side").isEqualTo("INVALID");
        assertThat(otherCurrency.get("detail").asText()).contains("paid in EUR");

        assertThat(payOnThePage(row, "180,50")).contains("180.50");
        assertThat(browser.find(row).findElement(By.className("paid-amount")).getDomProperty("value"))
                .as("what was typed stays in the field").isEqualTo("180,50");
        assertThat(payOnThePage(row, "abc")).contains("not an amount");
        assertThat(payOnThePage(row, "1e9")).contains("not an amount");
        assertThat(payOnThePage(row, "100000000001000005232")).contains("above the maximum of 50000 EUR");
        assertThat(payOnThePage(row, "5232.844")).contains("at most 2 decimals");
        assertThat(payOnThePage(row, "0")).contains("confirm 0");
        assertThat(browser.driver().findElements(By.id("problem"))).as("no raw error page, no banner").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("\"status\":400");
        assertThat(eventStore.readEvents(chargeId).asStream().map(e -> e.getPayloadType().getSimpleName()))
                .doesNotContain("ClaimPaidEvent");

        WebElement amount = browser.find(row).findElement(By.className("paid-amount"));
        amount.clear();
        amount.sendKeys("180.5");
        browser.find(row).findElement(By.className("pay-claim")).click();
        assertThat(browser.text(By.id("done"))).contains("180.50 EUR");
        ClaimPaidEvent paid = event(eventStore, chargeId, ClaimPaidEvent.class, e -> true);
        assertThat(paid.amount()).isEqualTo(new BigDecimal("180.50"));
        assertThat(paid.currency()).isEqualTo("EUR");
        eventually(() -> {
            browser.open("/billing");
            assertThat(browser.text(By.id("total-paid"))).isEqualTo("180.50 EUR");
        });
        assertWithinTheWindow("/billing");
    }

    @Test
    void theSchedulerFiltersByModalityInAnyCaseAndCannotMoveADoneStepIntoThePastOrAnotherRoom() throws Exception {
        LocalDateTime later = LocalDateTime.now().plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        PatientIdentifier patient = department.patient("Mover", "Mia");
        String scheduled = department.order(patient, "CT", OrderPriority.ROUTINE, "CT1", later);
        String completed = department.order(department.patient("Done", "Dora"), "CT", OrderPriority.ROUTINE, "CT1",
                later);
        department.send(new CompleteProcedureStepCommand(completed, CompletionSource.TECHNOLOGIST, null, null));

        browser.signIn("tech-17", PASSWORD);
        By scheduledRow = By.cssSelector("tr[data-order-id='" + scheduled + "']");
        By completedRow = By.cssSelector("tr[data-order-id='" + completed + "']");
        eventually(() -> {
            browser.open("/scheduling?modality=ct&day=" + later.toLocalDate());
            assertThat(browser.driver().findElements(scheduledRow)).hasSize(1);
            assertThat(browser.driver().findElement(completedRow).getText()).contains("COMPLETED");
        });
        assertThat(browser.find(completedRow).findElements(By.cssSelector("form.move"))).as("no Move").isEmpty();
        assertThat(browser.text(completedRow)).doesNotContain("Move").contains("done");
        assertThat(browser.find(scheduledRow).findElements(By.cssSelector("form.move"))).hasSize(1);

        assertThat(move(scheduledRow, LocalDateTime.now().minusDays(1), "CT1")).contains("in the past");
        eventually(() -> {
            browser.open("/scheduling?modality=CT&day=" + later.toLocalDate());
            browser.driver().findElement(scheduledRow);
        });
        assertThat(move(scheduledRow, later.plusHours(1), "US1")).contains("US1 is a US room");
        assertThat(eventStore.readEvents(scheduled).asStream().map(e -> e.getPayloadType().getSimpleName()))
                .doesNotContain(ProcedureRescheduledEvent.class.getSimpleName());
        assertWithinTheWindow("/scheduling?modality=ct&day=" + later.toLocalDate());
    }

    @Test
    void anOrderIsFoundByTheNameAsPeopleTypeIt() throws Exception {
        PatientIdentifier patient = department.patient("Andersen", "Anna");
        String orderId = department.order(patient, "MR", OrderPriority.ROUTINE, "MR1",
                LocalDateTime.now().plusHours(1));
        String accession = event(eventStore, orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        String studyUid = TestDepartment.newStudyUid();
        department.receive(studyUid, "WRONG-" + accession, "MR", "MISTYPED-17", null);
        event(eventStore, studyUid, StudyUnmatchedEvent.class, e -> true);

        browser.signIn("tech-17", PASSWORD);
        By found = By.cssSelector(".found-order[data-order-id='" + orderId + "']");
        for (String typed : List.of("Andersen Anna", "Andersen, Anna", "Anna", "andersen^anna")) {
            eventually(() -> {
                browser.open("/reconciliation/" + studyUid + "?searchPatientName="
                        + URLEncoder.encode(typed, StandardCharsets.UTF_8));
                browser.find(By.id("order-search"));
                assertThat(browser.driver().findElements(found)).as(typed).hasSize(1);
            });
        }
        browser.open("/reconciliation/" + studyUid + "?searchPatientName=Anders%20Bertil");
        browser.find(By.id("order-search"));
        assertThat(browser.driver().findElements(By.cssSelector(".found-order"))).isEmpty();
    }

    @Test
    void aSignedReportThatNoDestinationReceivesIsSaidSoAndLongContentStaysWithinTheWindow() throws Exception {
        PatientIdentifier patient = department.patient("Nowhere", "Nils");
        String orderId = performed(patient, "CT", "CT1");

        browser.signIn("rad-17", PASSWORD);
        eventually(() -> {
            browser.open("/reading/studies/" + orderId);
            browser.driver().findElement(By.id("report-text"));
        });
        browser.find(By.id("report-text")).sendKeys("See " + UNBROKEN + " for the key images. No fracture.");
        browser.find(By.id("save-report")).click();
        // the form posts and the page comes back with the new status: read once it is there
        assertThat(browser.textOnceItHolds(By.id("report-status"), "DRAFT")).isEqualTo("DRAFT");
        browser.find(By.id("sign-final")).click();
        assertThat(browser.textOnceItHolds(By.id("report-status"), "FINAL")).isEqualTo("FINAL");
        event(eventStore, "report-" + orderId, ReportSignedEvent.class, e -> true);

        browser.open("/reading/studies/" + orderId);
        assertThat(browser.text(By.id("deliveries")))
                .contains("No destination is configured: this report is not delivered anywhere")
                .doesNotContain("Nothing delivered yet");
        assertWithinTheWindow("/reading/studies/" + orderId);

        JsonNode alert = eventually(() -> alert("REPORTS_NOT_DELIVERED"), found -> found != null);
        assertThat(alert.get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(alert.get("message").asText()).contains("no report destination is configured");
        browser.signIn("tech-17", PASSWORD);
        browser.open("/interfaces");
        assertThat(browser.text(By.id("alert-banner"))).contains("delivered nowhere");
        assertWithinTheWindow("/interfaces");

        // the audit timeline of this patient with real data: long ids, the report's payload opened
        browser.signIn("audit-17", PASSWORD);
        String timeline = "/audit?patient=" + URLEncoder.encode(patient.toString(), StandardCharsets.UTF_8);
        eventually(() -> {
            browser.open(timeline);
            assertThat(browser.driver().findElements(By.cssSelector("tr.audit-entry[data-type='ReportSignedEvent']")))
                    .isNotEmpty();
        });
        script().executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
        assertThat(browser.text(By.id("timeline"))).contains("7777777777");
        assertPageWithinTheWindow();
    }

    /** The page at 1280x800 is no wider than its window: long content wraps, wide tables scroll in their box. */
    private void assertWithinTheWindow(String path) {
        browser.open(path);
        browser.find(By.id("main"));
        assertPageWithinTheWindow();
    }

    private void assertPageWithinTheWindow() {
        long viewport = ((Number) script().executeScript("return window.innerWidth;")).longValue();
        long page = ((Number) script().executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);")).longValue();
        assertThat(viewport).isEqualTo(1280);
        assertThat(page).as("page width of " + browser.path()).isLessThanOrEqualTo(viewport);
    }

    /** Types the amount into the row's field, presses Paid, and answers the error shown at that field. */
    private String payOnThePage(By row, String typed) {
        WebElement amount = browser.find(row).findElement(By.className("paid-amount"));
        amount.clear();
        amount.sendKeys(typed);
        WebElement before = browser.find(By.tagName("html"));
        browser.find(row).findElement(By.className("pay-claim")).click();
        browser.waitFor(ExpectedConditions.stalenessOf(before));
        WebElement error = browser.find(row).findElement(By.className("pay-error"));
        assertThat(browser.find(row).findElement(By.className("paid-amount")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        return error.getText();
    }

    private JsonNode pay(String chargeId, String claimId, String amountJson, String currency) throws Exception {
        String body = "{\"claimId\":\"" + claimId + "\",\"amount\":" + amountJson + ",\"currency\":\"" + currency
                + "\"}";
        String answer = TestApi.client(port).post().uri("/api/billing/charges/{id}/payments", chargeId)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> {
                    assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
                    return new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                });
        return json.readTree(answer);
    }

    /** Sets the row's start and room and presses Move; answers the problem the page shows. */
    private String move(By row, LocalDateTime start, String station) {
        WebElement form = browser.find(row).findElement(By.cssSelector("form.move"));
        script().executeScript("arguments[0].value = arguments[1]",
                form.findElement(By.name("start")), start.truncatedTo(ChronoUnit.MINUTES).toString());
        WebElement room = form.findElement(By.name("stationAeTitle"));
        room.clear();
        room.sendKeys(station);
        WebElement before = browser.find(By.tagName("html"));
        form.findElement(By.tagName("button")).click();
        browser.waitFor(ExpectedConditions.stalenessOf(before));
        return browser.text(By.cssSelector("p.message.error"));
    }

    private JsonNode alert(String kind) {
        try {
            String body = TestApi.client(port).get().uri("/api/interfaces/health").retrieve().body(String.class);
            for (JsonNode alert : json.readTree(body).get("alerts")) {
                if (kind.equals(alert.get("kind").asText())) {
                    return alert;
                }
            }
            return null;
        } catch (Exception unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private JavascriptExecutor script() {
        return (JavascriptExecutor) browser.driver();
    }

    /** An order whose study arrived, was committed and whose step completed: billed and ready to read. */
    private String performed(PatientIdentifier patient, String modality, String station) {
        String orderId = department.order(patient, modality, OrderPriority.ROUTINE, station,
                LocalDateTime.now().plusMinutes(5));
        department.commit(department.acquire(patient, orderId, modality));
        department.send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        return orderId;
    }
}
