package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * The REST API's answer when a request is not authenticated: 401 with an HTTP Basic challenge,
 * except when the credentials could not be checked at all (the account store is unreachable).
 * That is a 503 with Retry-After, so that an integration retries instead of reporting its
 * password as wrong.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final int RETRY_AFTER_SECONDS = 5;

    private final BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();

    ApiAuthenticationEntryPoint(String realm) {
        challenge.setRealmName(realm);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof InternalAuthenticationServiceException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"status\":503,\"title\":\"Service Unavailable\","
                    + "\"detail\":\"the credentials could not be checked now; retry later\"}");
            return;
        }
        challenge.commence(request, response, failure);
    }
}
