package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The FHIR server's refusals before a request reaches it, as FHIR clients read errors: an
 * OperationOutcome with the HTTP status. Not signed in: 401 with the Basic challenge; credentials
 * that could not be checked (the account store is unreachable): 503 with Retry-After, as the REST
 * API answers; signed in without the role: 403.
 */
final class FhirRefusals {

    static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

    private FhirRefusals() {
    }

    static AuthenticationEntryPoint unauthenticated(String realm) {
        return (request, response, failure) -> {
            if (failure instanceof InternalAuthenticationServiceException) {
                response.setHeader("Retry-After", String.valueOf(ApiAuthenticationEntryPoint.RETRY_AFTER_SECONDS));
                write(response, HttpStatus.SERVICE_UNAVAILABLE, "transient",
                        "the credentials could not be checked now; retry later");
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
            write(response, HttpStatus.UNAUTHORIZED, "login", "authentication required (HTTP Basic)");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
                "this user's roles do not allow this request");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String diagnostics)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(FHIR_JSON);
        response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"" + code + "\",\"diagnostics\":\"" + diagnostics + "\"}]}");
    }
}
