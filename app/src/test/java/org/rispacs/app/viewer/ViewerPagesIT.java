package org.rispacs.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.WebSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OHIF viewer served under /viewer/ (issue #20) in a real browser: it starts and lists
 * studies under the viewer's own security policy with nothing fetched from elsewhere, only
 * radiologists and technologists reach it, its routes and configuration are ours, opening a study
 * is recorded, and the reading page links a study and its priors to it.
 */
class ViewerPagesIT extends PageTest {

    private static final String PASSWORD = "viewer-test-password";
    /** Collects the page's policy violations from its very start (the page's own scripts cannot). */
    private static final String WATCH_POLICY = "window.policyViolations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.policyViolations.push("
            + "e.violatedDirective + ' ' + e.blockedURI));";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @BeforeAll
    void setUpUsers() {
        user("rad-view", "Dr Vera View", PASSWORD, Role.RADIOLOGIST);
        user("tech-view", "Tom Tech", PASSWORD, Role.TECHNOLOGIST);
        user("bill-view", "Bill Billing", PASSWORD, Role.BILLING);
    }

    @Test
    void aRadiologistSeesTheStudyListWithNoPolicyViolationAndNothingFetchedFromElsewhere() {
        ChromeDriver driver = (ChromeDriver) browser.driver();
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_POLICY));
        browser.signIn("rad-view", PASSWORD);
        browser.open("/viewer/");

        // OHIF's study list: its title, and its table (listing studies, or saying there are none)
        browser.waitFor(d -> !d.findElements(By.xpath("//div[normalize-space(.)='Study List']")).isEmpty()
                && !d.findElements(By.cssSelector("#root table tbody tr")).isEmpty());
        JavascriptExecutor script = (JavascriptExecutor) driver;
        // the study list asked our DICOMweb service (same origin) for studies
        browser.waitFor(d -> resources(script).stream().anyMatch(url -> url.contains("/dicomweb/studies")));

        assertThat((List<?>) script.executeScript("return window.policyViolations;")).as("policy violations")
                .isEmpty();
        List<String> fetched = resources(script);
        assertThat(fetched).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:" + port
                + "/"));
        assertThat(fetched).anyMatch(url -> url.contains("/viewer/app.bundle."))
                .anyMatch(url -> url.endsWith("/viewer/app-config.js"));
    }

    @Test
    void onlyRadiologistsAndTechnologistsReachTheViewer() throws Exception {
        WebSession nobody = new WebSession(port);
        HttpResponse<String> anonymous = nobody.get("/viewer/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).get().asString().endsWith("/login");

        WebSession billing = session("bill-view");
        assertThat(billing.get("/viewer/").statusCode()).isEqualTo(403);
        assertThat(billing.get("/viewer/app-config.js").statusCode()).isEqualTo(403);
        assertThat(billing.get("/viewer/viewer?StudyInstanceUIDs=1.2.3").statusCode()).isEqualTo(403);

        WebSession technologist = session("tech-view");
        assertThat(technologist.get("/viewer/").statusCode()).isEqualTo(200);
        assertThat(technologist.get("/viewer/").body()).contains("<div id=\"root\">");
    }

    @Test
    void unknownRoutesGetTheViewersPageMissingFilesDoNotAndEachIsCachedAsItShould() throws Exception {
        WebSession radiologist = session("rad-view");
        HttpResponse<String> route = radiologist.get("/viewer/x/y");
        assertThat(route.statusCode()).isEqualTo(200);
        assertThat(route.body()).contains("<div id=\"root\">").contains("/viewer/viewer-start.js");
        assertThat(route.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        String policy = route.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("'wasm-unsafe-eval'").contains("connect-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("'unsafe-eval'").doesNotContain("http");

        assertThat(radiologist.get("/viewer/no-such-chunk.js").statusCode()).isEqualTo(404);
        String chunk = route.body().replaceAll("(?s).*src=\"/viewer/(app\\.bundle\\.[0-9a-f]+\\.js)\".*", "$1");
        HttpResponse<String> hashed = radiologist.get("/viewer/" + chunk);
        assertThat(hashed.statusCode()).isEqualTo(200);
        assertThat(hashed.headers().firstValue("Cache-Control")).get().asString().contains("immutable");
        HttpResponse<String> start = radiologist.get("/viewer/viewer-start.js");
        assertThat(start.body()).contains("window.PUBLIC_URL=\"/viewer/\"");

        // the other pages keep their strict policy
        String pagesPolicy = radiologist.get("/reading").headers().firstValue("Content-Security-Policy")
                .orElseThrow();
        assertThat(pagesPolicy).contains("style-src 'self';").doesNotContain("unsafe").doesNotContain("blob:");
    }

    @Test
    void theConfigurationNamesOurDicomwebServiceAndIsNeverCached() throws Exception {
        HttpResponse<String> config = session("rad-view").get("/viewer/app-config.js");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(config.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        assertThat(config.body()).contains("window.location.origin + '/dicomweb'")
                .contains("qidoRoot: risPacsDicomweb").contains("wadoRoot: risPacsDicomweb")
                .contains("routerBasename: '/viewer'").contains("qidoSupportsIncludeField: true")
                .contains("omitQuotationForMultipartRequest: true").doesNotContain("https://");
    }

    @Test
    void openingStudiesInTheViewerIsRecordedPerStudyAndANonsenseRequestIsRefused() throws Exception {
        WebSession radiologist = session("rad-view");
        String first = TestDepartment.newStudyUid();
        String second = TestDepartment.newStudyUid();

        HttpResponse<String> opened = radiologist.get("/viewer/viewer?StudyInstanceUIDs=" + first + "," + second
                + "&hangingProtocolId=%40ohif%2FhpCompare");

        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("<div id=\"root\">");
        assertThat(opened.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        List<EventMessage<?>> views = eventually(() -> viewerViews(first, second), found -> found.size() == 2);
        for (EventMessage<?> view : views) {
            assertThat(view.getMetaData().get("actor")).isEqualTo("rad-view");
        }

        String refused = TestDepartment.newStudyUid();
        assertThat(radiologist.get("/viewer/viewer?StudyInstanceUIDs=" + refused + ",x'or'1").statusCode())
                .isEqualTo(400);
        assertThat(viewerViews(refused)).as("nothing recorded for a refused request").isEmpty();
    }

    @Test
    void theReadingPageOpensTheStudyAndEachPriorBesideItInTheViewer() {
        TestDepartment department = new TestDepartment(commands, eventStore, "viewer-it");
        PatientIdentifier patient = department.patient("Prior", "Patricia");
        String priorOrder = department.readyForReading(patient, queries).orderId();
        String prior = item(priorOrder).studyInstanceUid();
        String currentOrder = department.readyForReading(patient, queries).orderId();
        ReadingWorklistItem current = eventually(() -> item(currentOrder),
                found -> found.priorStudyUids() != null && found.priorStudyUids().contains(prior));
        String study = current.studyInstanceUid();

        browser.signIn("rad-view", PASSWORD);
        browser.open("/reading/studies/" + currentOrder);
        WebElement open = browser.find(By.id("open-images"));
        assertThat(open.getDomAttribute("href")).isEqualTo("/viewer/viewer?StudyInstanceUIDs=" + study);
        assertThat(open.getDomAttribute("target")).isEqualTo("ris-viewer");
        assertThat(browser.find(By.id("open-weasis")).getDomAttribute("href"))
                .isEqualTo("weasis://%24dicom%3Ars%20--url%20%22http%3A%2F%2F127.0.0.1%3A" + port
                        + "%2Fdicomweb%22%20-r%20%22studyUID%3D" + study + "%22");

        WebElement row = browser.find(By.cssSelector("#priors tr[data-study-uid='" + prior + "']"));
        WebElement beside = row.findElement(By.cssSelector("a.open-beside"));
        assertThat(beside.getDomAttribute("href")).isEqualTo("/viewer/viewer?StudyInstanceUIDs=" + study + ","
                + prior + "&hangingProtocolId=%40ohif%2FhpCompare");
        assertThat(beside.getDomAttribute("target")).isEqualTo("ris-viewer");

        // the button opens the viewer on this study, in its own window
        String reading = browser.driver().getWindowHandle();
        open.click();
        browser.waitFor(d -> d.getWindowHandles().size() == 2);
        String viewer = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(reading)).findFirst()
                .orElseThrow();
        browser.driver().switchTo().window(viewer);
        browser.waitFor(d -> d.getCurrentUrl().contains("/viewer/viewer") && d.getCurrentUrl().contains(study));
        browser.driver().close();
        browser.driver().switchTo().window(reading);
        assertThat(eventually(() -> viewerViews(study), found -> !found.isEmpty())).isNotEmpty();
    }

    /** The viewer's access events of these studies, read from the event store's whole stream. */
    private List<EventMessage<?>> viewerViews(String... studies) {
        List<String> wanted = List.of(studies);
        List<EventMessage<?>> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (event.getPayload() instanceof PatientDataViewedEvent viewed && "viewer".equals(viewed.view())
                        && wanted.contains(viewed.studyInstanceUid())) {
                    found.add(event);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String> resources(JavascriptExecutor script) {
        return ((List<Object>) script.executeScript("return [location.href].concat(performance"
                + ".getEntriesByType('resource').map(e => e.name));")).stream().map(Objects::toString).toList();
    }

    private WebSession session(String username) throws Exception {
        WebSession session = new WebSession(port);
        session.signIn(username, PASSWORD);
        return session;
    }

    private ReadingWorklistItem item(String orderId) {
        return queries.query(new FindReadingWorklistItemQuery(orderId),
                ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join().orElse(null);
    }
}
