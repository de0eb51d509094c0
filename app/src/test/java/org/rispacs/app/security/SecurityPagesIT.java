package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.rispacs.api.security.UserAccountCreatedEvent;
import org.rispacs.api.security.UserLockedOutEvent;
import org.rispacs.api.security.UserPasswordResetEvent;
import org.rispacs.api.security.UserRolesChangedEvent;
import org.rispacs.api.security.UserSignInFailedEvent;
import org.rispacs.api.security.UserSignedInEvent;
import org.rispacs.app.support.PageTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.WebSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Security as the user sees it, in a real browser (Debian's chromium) against the whole
 * application on PostgreSQL and Elasticsearch: an expired session is told as such and leads back
 * where the user was; errors of pages are pages (404, 400 saying what was wrong) and only a role
 * refusal is a 403, while the REST API keeps its problem documents; the user administration
 * refuses an account without a role, shows and lifts lockouts, states the user-name rule and keeps
 * each role's checkbox beside its name; security events are in the event store and the audit
 * timeline, by actor and by the user concerned.
 */
class SecurityPagesIT extends PageTest {

    private static final String PASSWORD = "security-pages-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.admin-initial-password", () -> "admin-initial-security-pages");
        registry.add("ris.security.max-login-failures", () -> "3");
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void setUpUsers() throws Exception {
        user("sp-tech", "Tess Tech", PASSWORD, Role.TECHNOLOGIST);
        user("sp-rad", "Rob Rad", PASSWORD, Role.RADIOLOGIST);
        user("sp-admin", "Ada Admin", PASSWORD, Role.ADMIN);
        user("sp-auditor", "Otto Auditor", PASSWORD, Role.AUDITOR);
        user("sp-guessed", "Gus Guessed", PASSWORD, Role.BILLING);
    }

    @Test
    void aFormSentAfterTheSessionExpiredAsksToSignInAgainAndReturnsToItsPage() {
        browser.signIn("sp-tech", PASSWORD);
        browser.find(By.id("signed-in-user"));
        browser.open("/account/password");
        browser.find(By.id("currentPassword")).sendKeys(PASSWORD);
        browser.find(By.id("newPassword")).sendKeys("a-new-password-typed");
        browser.find(By.id("confirmation")).sendKeys("a-new-password-typed");
        expireTheSession();
        browser.find(By.id("change-password")).click();

        assertThat(browser.text(By.id("session-expired"))).contains("session expired");
        assertThat(browser.path()).startsWith("/login?expired");
        assertThat(browser.driver().getPageSource()).doesNotContain("not for your role");
        assertThat(accounts.matches("sp-tech", PASSWORD)).as("nothing was changed").isTrue();
        signInOnThisPage("sp-tech");
        browser.waitFor(driver -> browser.path().equals("/account/password"));

        // a page asked for with an expired session: the same, and back to that page with its query
        expireTheSession();
        browser.open("/scheduling?modality=CT");
        assertThat(browser.find(By.id("session-expired")).isDisplayed()).isTrue();
        signInOnThisPage("sp-tech");
        browser.waitFor(driver -> browser.path().startsWith("/scheduling?modality=CT"));
    }

    @Test
    void scriptsGetA401WithoutALoginPageWhenTheSessionExpired() {
        browser.signIn("sp-rad", PASSWORD);
        browser.find(By.id("signed-in-user"));
        browser.open("/reading");
        browser.find(By.id("signed-in-user"));
        expireTheSession();
        for (String headers : List.of("{'HX-Request': 'true'}", "{'Accept': 'text/event-stream'}",
                "{'Accept': 'application/json'}")) {
            Map<?, ?> answer = fetch("/reading/rows", "GET", headers);
            assertThat(((Number) answer.get("status")).intValue()).as(headers).isEqualTo(401);
            assertThat((String) answer.get("body")).as(headers).doesNotContain("<html").doesNotContain("Sign in");
        }
        // a stale CSRF token sent by a script: 401 as well, not a role refusal
        Map<?, ?> post = fetch("/reading/studies/x/report", "POST", "{'HX-Request': 'true'}");
        assertThat(((Number) post.get("status")).intValue()).isEqualTo(401);
    }

    @Test
    void errorsOfPagesArePagesAndOnlyARoleRefusalIsA403() throws Exception {
        browser.signIn("sp-rad", PASSWORD);
        browser.find(By.id("signed-in-user"));

        browser.open("/reading/studies/no-such-order");
        assertThat(browser.text(By.id("not-found"))).contains("404");
        assertThat(browser.text(By.id("error-detail"))).contains("no-such-order");
        browser.open("/no/such/page");
        assertThat(browser.text(By.id("not-found"))).contains("404");
        assertThat(browser.driver().getPageSource()).doesNotContain("not for your role");
        browser.open("/reading?priority=WHENEVER");
        assertThat(browser.text(By.id("bad-request"))).contains("400");
        assertThat(browser.text(By.id("error-detail"))).contains("priority").contains("STAT")
                .contains("WHENEVER");
        browser.open("/billing");
        assertThat(browser.text(By.id("forbidden"))).contains("403");

        // the REST API keeps its problem documents
        HttpResponse<String> unknownOrder = api("/api/no-such-endpoint");
        assertThat(unknownOrder.statusCode()).isEqualTo(404);
        assertThat(unknownOrder.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> badParameter = api("/api/worklists/reading?priority=WHENEVER");
        assertThat(badParameter.statusCode()).isEqualTo(400);
        assertThat(badParameter.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void theAdministratorManagesAccountsAndTheAuditorFindsEverySecurityEvent() throws Exception {
        // three wrong passwords lock sp-guessed out (from this address)
        WebSession guesser = new WebSession(port);
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.signIn("sp-guessed", "wrong-password-" + i)).endsWith("/login?error");
        }
        assertThat(guesser.signIn("sp-guessed", PASSWORD)).as("locked out").endsWith("/login?error");

        browser.signIn("sp-admin", PASSWORD);
        browser.find(By.id("signed-in-user"));
        browser.driver().manage().window().setSize(new Dimension(1024, 800));
        browser.open("/admin/users");
        assertThat(browser.text(By.id("username-rule")))
                .contains("2 to 64").contains("lower-case letters, digits");
        assertThat(row("sp-guessed").getText()).contains("locked out");
        assertThat(row("sp-tech").getText()).doesNotContain("locked out");
        for (WebElement choice : browser.driver().findElements(By.cssSelector(".role-choice"))) {
            Rectangle box = choice.findElement(By.tagName("input")).getRect();
            Rectangle name = choice.findElement(By.tagName("span")).getRect();
            int middle = box.getY() + box.getHeight() / 2;
            assertThat(middle).as("checkbox of " + name).isBetween(name.getY(), name.getY() + name.getHeight());
        }
        browser.driver().manage().window().setSize(new Dimension(1280, 800));

        // no account without a role
        browser.find(By.id("new-username")).sendKeys("sp-norole");
        browser.find(By.id("new-name")).sendKeys("Nora Nobody");
        browser.find(By.id("new-password")).sendKeys("temporary-password-1");
        browser.find(By.id("create-user")).click();
        assertThat(browser.text(By.id("problem"))).contains("at least one role");
        assertThat(accounts.find("sp-norole")).isEmpty();
        browser.find(By.id("new-username")).sendKeys("sp-new");
        browser.find(By.id("new-name")).sendKeys("Ned New");
        browser.find(By.cssSelector("#new-user input[value=TECHNOLOGIST]")).click();
        browser.find(By.id("new-password")).sendKeys("temporary-password-1");
        browser.find(By.id("create-user")).click();
        assertThat(browser.text(By.id("done"))).contains("sp-new");

        // roles: none refused, a change saved
        for (WebElement box : row("sp-guessed").findElements(By.cssSelector("input[name=roles]"))) {
            if (box.isSelected()) {
                box.click();
            }
        }
        row("sp-guessed").findElement(By.cssSelector("form[action$='/roles'] button")).click();
        assertThat(browser.text(By.id("problem"))).contains("at least one role");
        assertThat(accounts.find("sp-guessed").orElseThrow().roles()).containsExactly(Role.BILLING);
        row("sp-guessed").findElement(By.cssSelector("input[name=roles][value=AUDITOR]")).click();
        row("sp-guessed").findElement(By.cssSelector("form[action$='/roles'] button")).click();
        assertThat(browser.text(By.id("done"))).contains("sp-guessed");
        assertThat(accounts.find("sp-guessed").orElseThrow().roles()).containsExactly(Role.BILLING, Role.AUDITOR);

        // a password reset lifts the lockout
        row("sp-guessed").findElement(By.cssSelector("input[name=temporaryPassword]"))
                .sendKeys("temporary-password-2");
        row("sp-guessed").findElement(By.cssSelector("form[action$='/password'] button")).click();
        assertThat(browser.textOnceItHolds(By.id("done"), "lifted")).contains("lockout");
        assertThat(row("sp-guessed").getText()).doesNotContain("locked out");
        assertThat(guesser.signIn("sp-guessed", "temporary-password-2")).endsWith("/account/password");

        // every security event is in the event store ...
        List<Object> stored = storedEvents();
        assertThat(stored).anySatisfy(event -> assertThat(event).isEqualTo(new UserAccountCreatedEvent("sp-new",
                "Ned New", List.of("TECHNOLOGIST"), true)));
        assertThat(stored).anySatisfy(event -> assertThat(event).isInstanceOf(UserLockedOutEvent.class)
                .extracting("username").isEqualTo("sp-guessed"));
        assertThat(stored).anySatisfy(event -> assertThat(event).isEqualTo(
                new UserRolesChangedEvent("sp-guessed", List.of("BILLING"), List.of("AUDITOR", "BILLING"))));
        assertThat(stored).contains(new UserPasswordResetEvent("sp-guessed", true),
                new UserSignedInEvent("sp-admin"));

        // ... and on the audit timeline: by the administrator as actor, by the user concerned
        browser.signIn("sp-auditor", PASSWORD);
        browser.find(By.id("signed-in-user"));
        assertThat(timeline("/audit?actor=sp-admin", List.of("UserSignedInEvent", "UserAccountCreatedEvent",
                "UserRolesChangedEvent", "UserPasswordResetEvent"))).isNotEmpty();
        List<String> concerningTheUser = timeline("/audit?user=sp-guessed", List.of("UserSignInFailedEvent",
                "UserLockedOutEvent", "UserRolesChangedEvent", "UserPasswordResetEvent", "UserSignedInEvent"));
        assertThat(concerningTheUser).doesNotContain("UserAccountCreatedEvent");
        assertThat(stored).anySatisfy(event -> assertThat(event).isEqualTo(
                new UserSignInFailedEvent("sp-guessed", "Bad credentials")));
    }

    /** What the server sees when a session timed out: a cookie naming a session it no longer has. */
    private void expireTheSession() {
        browser.driver().manage().deleteCookieNamed("JSESSIONID");
        browser.driver().manage().addCookie(new Cookie("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF", "/"));
    }

    /** Signs in on the login page the browser is on, keeping its session (and where it was going). */
    private void signInOnThisPage(String username) {
        browser.find(By.id("username")).sendKeys(username);
        browser.find(By.id("password")).sendKeys(PASSWORD);
        browser.find(By.id("sign-in")).click();
    }

    private Map<?, ?> fetch(String path, String method, String headers) {
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('" + path + "', {method: '" + method + "', headers: " + headers + "})"
                        + ".then(r => r.text().then(body => done({status: r.status, body: body})))"
                        + ".catch(e => done({status: -1, body: String(e)}));");
        return (Map<?, ?>) answer;
    }

    private WebElement row(String username) {
        return browser.find(By.cssSelector("#users tr[data-username='" + username + "']"));
    }

    /** The event types the timeline page lists, once it lists all the expected ones (the projection is async). */
    private List<String> timeline(String search, List<String> expected) {
        return eventually(() -> {
            browser.open(search);
            browser.find(By.id("timeline"));
            List<String> types = new ArrayList<>();
            browser.driver().findElements(By.cssSelector("#timeline tr.audit-entry"))
                    .forEach(entry -> types.add(entry.getDomAttribute("data-type")));
            return types;
        }, types -> types.containsAll(expected));
    }

    private List<Object> storedEvents() {
        List<Object> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (payload.getClass().getPackageName().equals("org.rispacs.api.security")) {
                    events.add(payload);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return events;
    }

    private HttpResponse<String> api(String path) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestApi.USER + ":" + TestApi.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
    }
}
