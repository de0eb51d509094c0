package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The FHIR server's refusals before a request reaches it, as FHIR clients read errors: an
 * OperationOutcome with the HTTP status. Not signed in: 401 with the Basic challenge; credentials
 * that could not be checked (the account store is unreachable): 503 with Retry-After, as the REST
 * API answers; signed in without the role: 403. A bearer token refused: 401 with the Bearer challenge
 * naming the error; one whose scopes do not allow the request: 403 {@code insufficient_scope}.
 */
final class FhirRefusals {

    static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private FhirRefusals() {
    }

    /**
     * Not signed in. With bearer tokens accepted, a refused token is answered
     * as RFC 6750 says ({@code WWW-Authenticate: Bearer error="invalid_token", ...}, by Spring's entry
     * point) and a request without credentials is told of both schemes.
     */
    static AuthenticationEntryPoint unauthenticated(String realm, boolean bearer) {
        BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
        bearerChallenge.setRealmName(realm);
        return (request, response, failure) -> {
            if (failure instanceof InternalAuthenticationServiceException) {
                response.setHeader("Retry-After", String.valueOf(ApiAuthenticationEntryPoint.RETRY_AFTER_SECONDS));
                write(response, HttpStatus.SERVICE_UNAVAILABLE, "transient",
                        "the credentials could not be checked now; retry later");
                return;
            }
            if (bearer && failure instanceof OAuth2AuthenticationException refused) {
                bearerChallenge.commence(request, response, failure);
                String description = refused.getError().getDescription();
                write(response, HttpStatus.valueOf(response.getStatus()), "login", "bearer token refused: "
                        + (description != null ? description : refused.getError().getErrorCode()));
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
            if (bearer) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"");
            }
            write(response, HttpStatus.UNAUTHORIZED, "login", "authentication required ("
                    + (bearer ? "HTTP Basic or a bearer token)" : "HTTP Basic)"));
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> {
            if (denied instanceof AuthorizationDeniedException refused
                    && refused.getAuthorizationResult() instanceof ScopeRefusal scopes) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", "
                        + "error_description=\"" + scopes.reason().replace("\"", "'") + "\"");
                write(response, HttpStatus.FORBIDDEN, "forbidden", "insufficient_scope: " + scopes.reason());
                return;
            }
            write(response, HttpStatus.FORBIDDEN, "forbidden", "this user's roles do not allow this request");
        };
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String diagnostics)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(FHIR_JSON);
        response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"" + code + "\",\"diagnostics\":\"" + jsonText(diagnostics) + "\"}]}");
    }

    private static String jsonText(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
