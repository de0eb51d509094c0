package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.PackagedApplication;
import org.rispacs.app.web.Browser;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;

/**
 * {@code --ris.demo=true} on the packaged application: after the demo day has been fed through
 * the HL7 and DICOM listeners and the workflow's commands, a new user finds a populated reading
 * worklist, modality worklist (asked with dcmtk's findscu, as a modality would), billing queue,
 * unmatched studies and audit trail. The README's screenshots are taken of that day, in chromium at
 * 1280×800, so that they show the pages with a department's density of data.
 */
class DemoModeIT {

    private static final String ADMIN_INITIAL = "demo-admin-initial-1";
    private static final String ADMIN_PASSWORD = "demo-admin-chosen-1";
    private static final String LEAD_PASSWORD = "demo-lead-chosen-1";

    private PackagedApplication app;

    @Test
    void theDemoDayLeavesALivingDepartment() throws Exception {
        Path dataDir = Files.createTempDirectory("ris-demo");
        String indexPrefix = DepartmentPeers.indexPrefix("demo");
        List<String> settings = new ArrayList<>(PackagedApplication.onTestDependencies(indexPrefix));
        settings.addAll(List.of("--ris.demo=true", "--ris.security.integration-roles=ADMIN",
                "--ris.admin-initial-password=" + ADMIN_INITIAL));
        app = new PackagedApplication(dataDir, settings).start();
        DepartmentPeers peers = new DepartmentPeers(app, Files.createDirectories(dataDir.resolve("peers")));

        awaitTheDayFed();
        String fed = app.logLines().stream().filter(line -> line.contains(" fed in ")).findFirst().orElseThrow();
        assertThat(fed).contains("150 patients, 200 orders");

        JsonNode reading = app.getJson("/api/worklists/reading?size=500");
        assertThat(reading.size()).as("studies waiting for a radiologist").isGreaterThanOrEqualTo(50);
        assertThat(values(reading, "modality")).contains("CT", "MR", "CR", "US");
        assertThat(values(reading, "reportStatus")).contains("NONE", "DRAFT");
        assertThat(app.get("/api/worklists/reading?size=10").headers().firstValue("X-Total-Count"))
                .as("a page of ten says how many there are in all").hasValue(Integer.toString(reading.size()));
        JsonNode signed = app.getJson("/api/worklists/reading?size=500&reportStatus=FINAL");
        assertThat(signed.size()).as("reports signed").isGreaterThanOrEqualTo(40);

        List<Attributes> worklist = peers.worklist("DEMO*");
        assertThat(worklist.size()).as("the evening's examinations, still on the modality worklist")
                .isBetween(15, 40);
        assertThat(worklist).allSatisfy(item -> assertThat(item.getString(Tags.PatientName)).isNotBlank());

        JsonNode charges = app.getJson("/api/billing/charges?size=500");
        assertThat(charges.size()).as("charges captured").isGreaterThanOrEqualTo(120);
        assertThat(values(charges, "status")).contains("CAPTURED", "CLAIM_SUBMITTED", "PAID");

        JsonNode unmatched = app.getJson("/api/studies/unmatched?size=100");
        assertThat(unmatched.size()).as("studies no order explains").isGreaterThanOrEqualTo(4);

        // the audit timeline is a projection too: it may trail the day's last events on a loaded machine
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(values(
                app.getJson("/api/audit/timeline?patient=DEMO0001%5E%5E%5EHOSP&size=500"), "channel"))
                .as("the patient's day came through the real doors").contains("hl7", "dicom"));
        JsonNode merged = app.getJson("/api/audit/timeline?patient=DEMO0149%5E%5E%5EHOSP&size=500");
        assertThat(values(merged, "type")).anyMatch(type -> type.contains("Merged"));

        screenshotTheDay(reading.get(0).path("orderId").asText());
    }

    /** Until the demo logs that the day is fed; fails at once if it stopped early. */
    private void awaitTheDayFed() {
        try {
            Eventually.within(Duration.ofMinutes(20)).ignoreNoExceptions().pollInterval(Duration.ofSeconds(1))
                    .until(this::dayFed);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the demo day did not finish in time\n" + app.tail(), e);
        }
    }

    private boolean dayFed() throws Exception {
        List<String> log = app.logLines();
        assertThat(log).as("the demo stopped early").noneMatch(line -> line.contains("Demo day stopped"));
        return log.stream().anyMatch(line -> line.contains("Demo day ") && line.contains(" fed in "));
    }

    /** Each page as a person finds it on the demo day: the administrator, then one account with every role. */
    private void screenshotTheDay(String orderId) throws Exception {
        try (Browser browser = new Browser(app.httpPort())) {
            browser.open("/login");
            browser.screenshot("login");
            browser.signIn("admin", ADMIN_INITIAL);
            browser.find(By.id("change-password"));
            browser.screenshot("change-password");
            changePassword(browser, ADMIN_INITIAL, ADMIN_PASSWORD);
            browser.signIn("admin", ADMIN_PASSWORD);
            browser.open("/admin/users");
            browser.find(By.id("new-username")).sendKeys("demo-lead");
            browser.find(By.id("new-name")).sendKeys("Dr Lee Demo");
            browser.driver().findElements(By.cssSelector("#new-user input[type=checkbox]")).forEach(WebElement::click);
            browser.find(By.id("new-password")).sendKeys("demo-lead-temporary-1");
            browser.find(By.id("create-user")).click();
            assertThat(browser.text(By.id("done"))).contains("demo-lead");
            browser.screenshot("users");

            browser.signIn("demo-lead", "demo-lead-temporary-1");
            browser.find(By.id("change-password"));
            changePassword(browser, "demo-lead-temporary-1", LEAD_PASSWORD);
            browser.signIn("demo-lead", LEAD_PASSWORD);
            browser.open("/reading");
            assertThat(browser.find(By.id("worklist-rows")).findElements(By.tagName("tr"))).hasSizeGreaterThan(20);
            browser.screenshot("reading-worklist");
            browser.open("/reading/studies/" + orderId);
            browser.find(By.id("report-text"));
            browser.screenshot("report");
            browser.open("/scheduling");
            browser.find(By.id("main"));
            browser.screenshot("scheduling");
            browser.open("/reconciliation");
            browser.find(By.cssSelector("#unmatched tbody tr a")).click();
            browser.find(By.id("reconcile"));
            browser.screenshot("reconciliation");
            browser.open("/billing");
            browser.find(By.id("main"));
            browser.screenshot("billing");
            browser.open("/audit?patient=DEMO0001%5E%5E%5EHOSP");
            browser.find(By.id("timeline"));
            browser.screenshot("audit-timeline");
            browser.open("/audit/state?aggregateId=" + orderId);
            browser.find(By.id("main"));
            browser.screenshot("audit-state");
            browser.open("/interfaces");
            browser.find(By.id("components"));
            browser.screenshot("interface-health");
        }
    }

    private static void changePassword(Browser browser, String current, String chosen) {
        browser.find(By.id("currentPassword")).sendKeys(current);
        browser.find(By.id("newPassword")).sendKeys(chosen);
        browser.find(By.id("confirmation")).sendKeys(chosen);
        browser.find(By.id("change-password")).click();
        browser.waitFor(driver -> driver.getCurrentUrl().contains("passwordChanged"));
    }

    private static Set<String> values(JsonNode list, String field) {
        Set<String> values = new TreeSet<>();
        StreamSupport.stream(list.spliterator(), false).map(item -> item.path(field).asText()).forEach(values::add);
        return values;
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }
}
