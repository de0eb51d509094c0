package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.rispacs.api.security.UserSignedInEvent;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestAuthorizationServer;
import org.rispacs.app.support.WebSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in to the web pages with the hospital's OpenID Connect provider (a real one: Spring
 * Authorization Server), in chromium, beside the form: the user is named by the configured claim,
 * holds the roles its role claim maps to, and the sign-in is on the audit trail; a user whose claim
 * maps to none of our roles is refused with no session. The form sign-in goes on as before.
 */
class OidcSignInIT extends PageTest {

    private static final String PASSWORD = "oidc-form-password";
    private static final String CLIENT_ID = "ris-web";
    private static final String CLIENT_SECRET = "ris-web-secret-1";
    private static final TestAuthorizationServer IDP = TestAuthorizationServer.start(
            List.of("ris-radiologists", "ris-unmapped"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.security.oidc.enabled", () -> "true");
        registry.add("ris.security.oidc.issuer", IDP::issuer);
        registry.add("ris.security.oidc.client-id", () -> CLIENT_ID);
        registry.add("ris.security.oidc.client-secret", () -> CLIENT_SECRET);
        registry.add("ris.security.oidc.display-name", () -> "Test Hospital ID");
        registry.add("ris.security.oidc.roles.ris-radiologists", () -> "RADIOLOGIST");
    }

    @BeforeAll
    void registerWithTheProvider() {
        IDP.registerClient(CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:" + port + "/login/oauth2/code/oidc",
                Set.of("openid", "profile"));
        user("oidc-form-tech", "Tina Form", PASSWORD, Role.TECHNOLOGIST);
    }

    @AfterAll
    void stopTheProvider() {
        IDP.close();
    }

    @Test
    void aUserOfTheProviderSignsInByTheLinkNamedByTheClaimInTheMappedRoleAndIsAudited() {
        int before = signIns(TestAuthorizationServer.USER).size();

        signInWithTheProvider(TestAuthorizationServer.USER);

        browser.waitFor(d -> d.getCurrentUrl().equals("http://127.0.0.1:" + port + "/"));
        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo(TestAuthorizationServer.USER);
        assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/reading']"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/scheduling']"))).isEmpty();
        browser.open("/reading");
        assertThat(browser.path()).isEqualTo("/reading");

        List<EventMessage<?>> signIns = eventually(() -> signIns(TestAuthorizationServer.USER),
                found -> found.size() > before);
        EventMessage<?> signIn = signIns.get(signIns.size() - 1);
        assertThat(signIn.getMetaData().get("actor")).isEqualTo(TestAuthorizationServer.USER);
        assertThat((String) signIn.getMetaData().get("source")).contains("/login/oauth2/code/oidc");
    }

    @Test
    void aUserWhoseRolesMapToNoneOfOursIsRefusedWithNoSession() throws Exception {
        signInWithTheProvider(TestAuthorizationServer.CLERK);

        browser.waitFor(d -> d.getCurrentUrl().contains("/login?externalError"));
        assertThat(browser.text(By.id("external-error"))).contains("refused");
        assertThat(browser.driver().findElements(By.id("signed-in-user"))).isEmpty();
        browser.open("/reading");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(signIns(TestAuthorizationServer.CLERK)).isEmpty();
    }

    @Test
    void theFormSignInStaysBesideTheLink() throws Exception {
        WebSession form = new WebSession(port);
        HttpResponse<String> login = form.get("/login");
        assertThat(login.body()).contains("id=\"sign-in\"").contains("id=\"oidc-sign-in\"")
                .contains("Sign in with Test Hospital ID");
        assertThat(form.signIn("oidc-form-tech", PASSWORD)).doesNotContain("/login");
        assertThat(form.get("/scheduling").statusCode()).isEqualTo(200);
    }

    /** From our sign-in page, by the provider's link and its own sign-in form. */
    private void signInWithTheProvider(String username) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login");
        assertThat(browser.text(By.id("oidc-sign-in"))).isEqualTo("Sign in with Test Hospital ID");
        browser.find(By.id("oidc-sign-in")).click();
        browser.waitFor(d -> d.getCurrentUrl().startsWith(IDP.issuer() + "/login"));
        browser.find(By.id("username")).sendKeys(username);
        browser.find(By.id("password")).sendKeys(TestAuthorizationServer.PASSWORD);
        browser.find(By.cssSelector("button[type='submit']")).click();
    }

    private List<EventMessage<?>> signIns(String username) {
        List<EventMessage<?>> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (event.getPayload() instanceof UserSignedInEvent signedIn && username.equals(signedIn.username())) {
                    found.add(event);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return found;
    }
}
