package org.rispacs.app.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.rispacs.api.security.UserSignedInEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * After a sign-in through an authorization server (recorded as a sign-in like the form's): an EHR
 * launch goes on to {@value #LAUNCHED}, which opens what the EHR launched us for; an OpenID
 * Connect sign-in continues as a form sign-in does.
 */
class ExternalSignedIn extends SimpleUrlAuthenticationSuccessHandler {

    /** The page that opens a launch's context. */
    static final String LAUNCHED = "/smart/open";

    private final SecurityAudit audit;
    private final AuthenticationSuccessHandler signedIn;

    ExternalSignedIn(SecurityAudit audit, AuthenticationSuccessHandler signedIn) {
        super(LAUNCHED);
        this.audit = audit;
        this.signedIn = signedIn;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if (SmartLaunchContext.of(authentication).isEmpty()) {
            signedIn.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        audit.record(new UserSignedInEvent(authentication.getName()), authentication.getName());
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
