package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Authentication and authorisation over real HTTP: every endpoint family refuses the
 * unauthenticated and the wrong role, the browser side needs CSRF tokens, the administrator's
 * initial password must be replaced before anything else, and guessing is throttled.
 */
class SecurityIT extends ApplicationTest {

    private static final String ADMIN_INITIAL = "initial-admin-password-1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.admin-initial-password", () -> ADMIN_INITIAL);
        registry.add("ris.security.max-login-failures", () -> "3");
    }

    @Autowired
    UserAccounts accounts;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final List<String> API_FAMILIES = List.of("/api/orders/x", "/api/orders?accession=A1",
            "/api/worklists/modality", "/api/worklists/reading", "/api/studies/unmatched", "/api/billing/charges",
            "/api/billing/claims", "/api/audit/timeline", "/api/audit/aggregates/x", "/api/interfaces/health",
            "/api/admin/read-models", "/v3/api-docs");
    private static final List<String> PAGES = List.of("/", "/reading", "/scheduling", "/reconciliation", "/billing",
            "/audit", "/interfaces", "/admin/users", "/account/password", "/swagger-ui.html");

    @Test
    void unauthenticatedRequestsToEveryEndpointFamilyAreRefused() throws Exception {
        for (String path : API_FAMILIES) {
            HttpResponse<String> answer = send(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
        for (String page : PAGES) {
            HttpResponse<String> answer = send(page, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
        }
        // probes still see the status, but nothing more
        HttpResponse<String> health = send("/actuator/health", null);
        assertThat(health.body()).contains("\"status\"").doesNotContain("components");
    }

    @Test
    void eachRoleReachesItsOwnEndpointsOnly() throws Exception {
        accounts.createIfAbsent("sec-billing", "Billing Clerk", "billing-password-1", EnumSet.of(Role.BILLING), false);
        accounts.createIfAbsent("sec-rad", "Rita Radiologist", "radiology-password-1", EnumSet.of(Role.RADIOLOGIST),
                false);
        String billing = basic("sec-billing", "billing-password-1");
        assertThat(send("/api/billing/charges", billing).statusCode()).isEqualTo(200);
        for (String path : List.of("/api/worklists/reading", "/api/audit/timeline", "/api/orders/x",
                "/api/admin/read-models", "/api/studies/unmatched")) {
            assertThat(send(path, billing).statusCode()).as(path).isEqualTo(403);
        }
        String radiologist = basic("sec-rad", "radiology-password-1");
        assertThat(send("/api/worklists/reading", radiologist).statusCode()).isEqualTo(200);
        assertThat(send("/api/audit/timeline", radiologist).statusCode()).isEqualTo(403);
        assertThat(send("/api/billing/claims", radiologist).statusCode()).isEqualTo(403);
        // a wrong password is a 401 like no password at all
        assertThat(send("/api/billing/charges", basic("sec-billing", "not-the-password")).statusCode()).isEqualTo(401);

        WebSession browser = new WebSession(port);
        assertThat(browser.signIn("sec-billing", "billing-password-1")).endsWith("/");
        assertThat(browser.get("/billing").statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = browser.get("/reading");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("not for your role");
    }

    @Test
    void theBrowserSideNeedsCsrfTokensAndSendsSecurityHeaders() throws Exception {
        accounts.createIfAbsent("sec-csrf", "Csrf Tester", "csrf-password-12", EnumSet.of(Role.TECHNOLOGIST), false);
        WebSession browser = new WebSession(port);
        // a login form posted from elsewhere has no token: back to the sign-in form, not signed in
        HttpResponse<String> withoutToken = browser.post("/login", Map.of("username", "sec-csrf",
                "password", "csrf-password-12"));
        assertThat(withoutToken.statusCode()).isEqualTo(302);
        assertThat(withoutToken.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(browser.get("/scheduling").statusCode()).isEqualTo(302);
        browser.signIn("sec-csrf", "csrf-password-12");
        HttpResponse<String> page = browser.get("/scheduling");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("no-store"));
        // a state change without the token is refused (as a stale form: sign in again), with it accepted
        assertThat(browser.post("/account/password", Map.of("currentPassword", "csrf-password-12",
                "newPassword", "csrf-password-34", "confirmation", "csrf-password-34")).headers()
                .firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(accounts.matches("sec-csrf", "csrf-password-12")).isTrue();
        String token = browser.csrfToken("/account/password");
        assertThat(browser.post("/account/password", Map.of("currentPassword", "csrf-password-12",
                "newPassword", "csrf-password-34", "confirmation", "csrf-password-34", "_csrf", token))
                .headers().firstValue("Location").orElseThrow()).endsWith("/login?passwordChanged");
        assertThat(accounts.matches("sec-csrf", "csrf-password-34")).isTrue();
    }

    @Test
    void theAdministratorsInitialPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        assertThat(send("/api/admin/read-models", basic("admin", ADMIN_INITIAL)).statusCode()).isEqualTo(403);
        WebSession browser = new WebSession(port);
        assertThat(browser.signIn("admin", ADMIN_INITIAL)).endsWith("/account/password");
        assertThat(browser.get("/admin/users").headers().firstValue("Location").orElseThrow())
                .endsWith("/account/password");
        String token = browser.csrfToken("/account/password");
        browser.post("/account/password", Map.of("currentPassword", ADMIN_INITIAL,
                "newPassword", "my-own-admin-password", "confirmation", "my-own-admin-password", "_csrf", token));

        WebSession again = new WebSession(port);
        assertThat(again.signIn("admin", "my-own-admin-password")).endsWith("/");
        assertThat(again.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(send("/api/admin/read-models", basic("admin", "my-own-admin-password")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void repeatedFailuresLockTheUserOutFromThatAddress() throws Exception {
        accounts.createIfAbsent("sec-guess", "Guess Target", "right-password-1", EnumSet.of(Role.AUDITOR), false);
        for (int i = 0; i < 3; i++) {
            assertThat(send("/api/audit/timeline", basic("sec-guess", "wrong-" + i)).statusCode()).isEqualTo(401);
        }
        assertThat(send("/api/audit/timeline", basic("sec-guess", "right-password-1")).statusCode())
                .as("locked even with the right password").isEqualTo(401);
        WebSession browser = new WebSession(port);
        assertThat(browser.signIn("sec-guess", "right-password-1")).endsWith("/login?error");
    }

    private HttpResponse<String> send(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
