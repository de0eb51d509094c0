package org.rispacs.app.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.security.UserSignedInEvent;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestAuthorizationServer;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.viewer.ViewerLinks;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMART App Launch from an EHR, in chromium, against a real authorization server (Spring
 * Authorization Server as the EHR's): the clinician signed in to the EHR opens the viewer on the
 * study, or the reading page of the order, the EHR launched us for, with no sign-in page of ours;
 * the EHR is asked as SMART says (aud, launch, PKCE, the configured scopes); the session is the
 * EHR's user in the role configured for that EHR; the sign-in is on the audit trail. A launch from
 * an EHR that is not configured, or without a launch id, is refused and leaves nothing behind.
 */
class SmartLaunchIT extends PageTest {

    private static final String EHR_NAME = "test-ehr";
    private static final String CLIENT_ID = "ris-viewer";
    private static final Set<String> SCOPES = Set.of("launch", "openid", "fhirUser", "patient/*.read");
    private static final String EHR_USER = "Practitioner/" + TestAuthorizationServer.USER;
    private static final TestAuthorizationServer EHR = TestAuthorizationServer.start(List.of());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.smart.ehrs." + EHR_NAME + ".iss", EHR::fhirBase);
        registry.add("ris.smart.ehrs." + EHR_NAME + ".client-id", () -> CLIENT_ID);
        registry.add("ris.smart.ehrs." + EHR_NAME + ".role", () -> "RADIOLOGIST");
    }

    @BeforeAll
    void registerWithTheEhr() {
        // a public client: PKCE alone protects the code exchange
        EHR.registerClient(CLIENT_ID, null, "http://127.0.0.1:" + port + "/login/oauth2/code/smart-" + EHR_NAME,
                SCOPES);
    }

    @AfterAll
    void stopTheEhr() {
        EHR.close();
    }

    @Test
    void aLaunchForAStudyOpensTheViewerOnItAsTheEhrsUserInTheConfiguredRoleWithNoSignInPage() {
        TestDepartment department = new TestDepartment(commands, eventStore, "smart-it");
        PatientIdentifier patient = department.patient("Launch", "Lena");
        String orderId = department.readyForReading(patient, queries).orderId();
        String study = item(orderId).studyInstanceUid();
        String launch = EHR.launch(Map.of("patient", FhirPatientIds.of(patient), "imagingstudy", study));
        int signInsBefore = signIns().size();

        signInToTheEhr();
        browser.driver().get(launchUrl(EHR.fhirBase(), launch));

        browser.waitFor(d -> d.getCurrentUrl().contains("/viewer/viewer"));
        assertThat(browser.path()).isEqualTo(ViewerLinks.study(study));
        assertThat(browser.find(By.id("root"))).isNotNull();

        // the EHR was asked as SMART says
        Map<String, String> asked = EHR.authorizationRequests().stream()
                .filter(request -> launch.equals(request.get("launch"))).reduce((first, last) -> last).orElseThrow();
        assertThat(asked).containsEntry("aud", EHR.fhirBase()).containsEntry("client_id", CLIENT_ID)
                .containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(asked.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(SCOPES);

        // our session: the EHR's user, a radiologist as configured and nothing else
        browser.open("/");
        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo(EHR_USER);
        assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/reading']"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/scheduling']"))).isEmpty();
        browser.open("/scheduling");
        assertThat(browser.driver().getPageSource()).contains("403");

        // on the audit trail: the sign-in through the EHR, and the study shown to that user
        List<EventMessage<?>> signIns = eventually(this::signIns, found -> found.size() > signInsBefore);
        EventMessage<?> signIn = signIns.get(signIns.size() - 1);
        assertThat(signIn.getPayload()).isEqualTo(new UserSignedInEvent(EHR_USER));
        assertThat(signIn.getMetaData().get("actor")).isEqualTo(EHR_USER);
        assertThat(signIn.getMetaData().get("channel")).isEqualTo("http");
        assertThat((String) signIn.getMetaData().get("source")).contains("/login/oauth2/code/smart-" + EHR_NAME);
        EventMessage<?> viewed = eventually(() -> viewerViews(study), found -> !found.isEmpty()).get(0);
        assertThat(viewed.getMetaData().get("actor")).isEqualTo(EHR_USER);
        assertThat(((PatientDataViewedEvent) viewed.getPayload()).patients()).containsExactly(patient);
    }

    @Test
    void aLaunchForAnOrderByItsAccessionOpensItsReadingPage() {
        TestDepartment department = new TestDepartment(commands, eventStore, "smart-it");
        PatientIdentifier patient = department.patient("Order", "Otto");
        String orderId = department.readyForReading(patient, queries).orderId();
        String accession = department.accessionOf(orderId);
        String launch = EHR.launch(Map.of("patient", FhirPatientIds.of(patient), "accession", accession));

        signInToTheEhr();
        browser.driver().get(launchUrl(EHR.fhirBase(), launch));

        browser.waitFor(d -> d.getCurrentUrl().contains("/reading/studies/"));
        assertThat(browser.path()).isEqualTo("/reading/studies/" + orderId);
        assertThat(browser.text(By.id("order-heading"))).isNotBlank();
        assertThat(browser.driver().getPageSource()).contains(accession);
        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo(EHR_USER);
    }

    @Test
    void aLaunchWhosePatientIsNotThePatientOfItsStudyOpensNothing() {
        TestDepartment department = new TestDepartment(commands, eventStore, "smart-it");
        PatientIdentifier patient = department.patient("Right", "Rita");
        PatientIdentifier someoneElse = department.patient("Wrong", "Walter");
        String study = department.readyForReading(patient, queries).studyInstanceUid();
        String launch = EHR.launch(Map.of("patient", FhirPatientIds.of(someoneElse), "imagingstudy", study));

        signInToTheEhr();
        browser.driver().get(launchUrl(EHR.fhirBase(), launch));

        assertThat(browser.text(By.id("launch-refused"))).startsWith("409");
        assertThat(browser.text(By.id("refusal-reason"))).contains("Patient/" + FhirPatientIds.of(someoneElse))
                .contains("is not the patient of the study " + study).contains("nothing was opened");
        assertThat(browser.path()).isEqualTo("/smart/open");
        assertThat(viewerViews(study)).as("the study was not shown").isEmpty();
    }

    @Test
    void aLaunchFromAnEhrNotConfiguredOrWithoutALaunchIdIsRefusedAndLeavesNothingBehind() throws Exception {
        int signInsBefore = signIns().size();
        int askedBefore = EHR.authorizationRequests().size();
        String launch = EHR.launch(Map.of("imagingstudy", TestDepartment.newStudyUid()));

        assertRefused(launchUrl("http://127.0.0.1:9/fhir", launch), "http://127.0.0.1:9/fhir is not one this "
                + "application accepts launches from");
        // the same host and port as the EHR, another FHIR base: still not the EHR configured
        assertRefused(launchUrl(EHR.issuer() + "/other-fhir", launch), "is not one this application accepts");
        assertRefused("http://127.0.0.1:" + port + "/smart/launch?launch=" + launch, "iss is missing");
        assertRefused("http://127.0.0.1:" + port + "/smart/launch?iss="
                + URLEncoder.encode(EHR.fhirBase(), StandardCharsets.UTF_8), "launch is missing");

        assertThat(EHR.authorizationRequests()).as("nothing sent to any authorization server").hasSize(askedBefore);
        assertThat(signIns()).as("no session begun").hasSize(signInsBefore);

        // the OpenID Connect sign-in is off unless configured: the sign-in page offers only the form
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("id=\"sign-in\"").doesNotContain("oidc-sign-in");
    }

    /** A 400 page naming the reason, and no cookie: no session was made for it. */
    private void assertRefused(String url, String reason) throws Exception {
        HttpResponse<String> answer = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url).isEqualTo(400);
        assertThat(answer.body()).contains("the EHR launch cannot be served").contains(reason);
        assertThat(answer.headers().allValues("Set-Cookie")).as("no session for " + url).isEmpty();
    }

    /** The clinician at work in the EHR: signed in there (and nowhere else). */
    private void signInToTheEhr() {
        browser.driver().manage().deleteAllCookies();
        browser.driver().get(EHR.issuer() + "/login");
        browser.find(By.id("username")).sendKeys(TestAuthorizationServer.USER);
        browser.find(By.id("password")).sendKeys(TestAuthorizationServer.PASSWORD);
        browser.find(By.cssSelector("button[type='submit']")).click();
        browser.waitFor(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String launchUrl(String iss, String launch) {
        return "http://127.0.0.1:" + port + "/smart/launch?iss=" + URLEncoder.encode(iss, StandardCharsets.UTF_8)
                + "&launch=" + URLEncoder.encode(launch, StandardCharsets.UTF_8);
    }

    private List<EventMessage<?>> signIns() {
        return events(event -> event.getPayload() instanceof UserSignedInEvent signedIn
                && EHR_USER.equals(signedIn.username()));
    }

    private List<EventMessage<?>> viewerViews(String study) {
        return events(event -> event.getPayload() instanceof PatientDataViewedEvent viewed
                && "viewer".equals(viewed.view()) && study.equals(viewed.studyInstanceUid()));
    }

    private List<EventMessage<?>> events(Predicate<EventMessage<?>> wanted) {
        List<EventMessage<?>> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (wanted.test(event)) {
                    found.add(event);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return found;
    }

    private ReadingWorklistItem item(String orderId) {
        return queries.query(new FindReadingWorklistItemQuery(orderId),
                ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join().orElse(null);
    }
}
