package org.rispacs.app.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.rispacs.api.security.UserSignedInEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After sign-in (recorded as a security event): to the password change if the account needs one,
 * else back to the page a form was posted from when the session had expired, else where the user
 * was going.
 */
class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

    private final SecurityAudit audit;

    SignedIn(SecurityAudit audit) {
        this.audit = audit;
        setDefaultTargetUrl("/");
        setRequestCache(SessionExpiry.pageRequests());
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        audit.record(new UserSignedInEvent(authentication.getName()), authentication.getName());
        if (CurrentUser.mustChangePassword(authentication)) {
            getRedirectStrategy().sendRedirect(request, response, "/account/password");
            return;
        }
        HttpSession session = request.getSession(false);
        Object returnTo = session == null ? null : session.getAttribute(SessionExpiry.RETURN_TO);
        if (returnTo instanceof String page) {
            session.removeAttribute(SessionExpiry.RETURN_TO);
            clearAuthenticationAttributes(request);
            getRedirectStrategy().sendRedirect(request, response, page);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
