package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The rule for a path that no other rule names. A controller answering it that the rules forgot
 * is refused, as before; but a URL that nothing answers is let through for a signed-in user, so
 * that it is a 404 page, not a "not for your role" refusal of a page that does not exist.
 */
final class UnknownPages implements AuthorizationManager<RequestAuthorizationContext> {

    private final ObjectProvider<RequestMappingHandlerMapping> controllers;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    UnknownPages(ObjectProvider<RequestMappingHandlerMapping> controllers) {
        this.controllers = controllers;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        boolean signedIn = trust.isAuthenticated(authentication.get());
        return new AuthorizationDecision(signedIn && !answered(context.getRequest()));
    }

    private boolean answered(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = controllers.getIfAvailable();
        if (mapping == null) {
            return true;
        }
        Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            return mapping.getHandler(request) != null;
        } catch (Exception partlyMatched) {
            // a controller has this path, only not for this method or media type
            return true;
        } finally {
            if (parsed == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsed);
            }
        }
    }
}
