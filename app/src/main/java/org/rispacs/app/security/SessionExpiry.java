package org.rispacs.app.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The web pages' answer to a request without a usable session: a session that expired (30 minutes
 * idle) or a form whose CSRF token belongs to a session that is gone. A page gets the sign-in form
 * saying the session expired, and after sign-in the user returns where they were: the page asked
 * for, or for a form the page it was posted from. A script (htmx, fetch, an event stream) gets a
 * bare 401 instead of a login page it cannot show. Role refusals of a signed-in user are left to
 * {@code otherwise}: only they are a 403.
 */
final class SessionExpiry implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The page to return to after sign-in, when it is not a saved GET request. */
    static final String RETURN_TO = SessionExpiry.class.getName() + ".RETURN_TO";

    private final AccessDeniedHandler otherwise;

    SessionExpiry(AccessDeniedHandler otherwise) {
        this.otherwise = otherwise;
    }

    /** Only page navigations are saved to return to; a fragment or stream a script asked for is not a page. */
    static RequestCache pageRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !fromScript(request)
                && !request.getRequestURI().endsWith("/favicon.ico"));
        return cache;
    }

    /** Not signed in (the request was saved for after sign-in if it was a page). */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException missing)
            throws IOException {
        if (fromScript(request)) {
            unauthorized(response);
        } else {
            response.sendRedirect(request.getContextPath() + (expired(request) ? "/login?expired" : "/login"));
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (!(denied instanceof CsrfException)) {
            otherwise.handle(request, response, denied);
        } else if (fromScript(request)) {
            unauthorized(response);
        } else {
            String referer = sameOriginPath(request, request.getHeader("Referer"));
            if (referer != null && !referer.startsWith("/login")) {
                request.getSession().setAttribute(RETURN_TO, referer);
            }
            response.sendRedirect(request.getContextPath() + "/login?expired");
        }
    }

    static boolean fromScript(HttpServletRequest request) {
        String accept = Objects.toString(request.getHeader("Accept"), "");
        return request.getHeader("HX-Request") != null || request.getHeader("X-Requested-With") != null
                || "empty".equals(request.getHeader("Sec-Fetch-Dest"))
                || accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)
                || accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static boolean expired(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    private static void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"status\":401,\"title\":\"Unauthorized\","
                + "\"detail\":\"your session expired; sign in again\"}");
    }

    /** The path (and query) of a URL of this server, else null: never send anyone elsewhere after sign-in. */
    static String sameOriginPath(HttpServletRequest request, String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            boolean sameOrigin = request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == (uri.getPort() < 0 ? defaultPort(uri) : uri.getPort());
            String path = uri.getRawPath();
            if (!sameOrigin || path == null || !path.startsWith(request.getContextPath() + "/")) {
                return null;
            }
            path = path.substring(request.getContextPath().length());
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
