package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** A sign-in through an authorization server that failed: the sign-in page says so, the log says why. */
class ExternalSignInRefused implements AuthenticationFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalSignInRefused.class);

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException refused) throws IOException {
        LOG.warn("Sign-in through an authorization server refused at {}: {}", request.getRequestURI(),
                refused.getMessage());
        response.sendRedirect(request.getContextPath() + "/login?externalError");
    }
}
