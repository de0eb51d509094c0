package org.rispacs.app.reading;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions end after {@code ris.reading.idle-timeout} (the session timeout unless set) without a
 * request of the user's own. The reading worklist's live updates (its event stream and the rows
 * it fetches on an event) are requests too, and would keep the servlet container's session alive
 * forever on an unattended reading station; so the time of the user's last own request is kept in
 * the session, and a session idle for longer is invalidated before Spring Security reads it (the
 * request then counts as signed out) or, while the stream is open, by {@link ReadingWorklistStream}.
 */
class LastUserActivity extends OncePerRequestFilter {

    static final String ATTRIBUTE = LastUserActivity.class.getName();

    private final Duration idleTimeout;
    private final Clock clock;

    LastUserActivity(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            if (idleTooLong(session)) {
                session.invalidate();
            } else if (!liveUpdate(request)) {
                session.setAttribute(ATTRIBUTE, clock.millis());
            }
        }
        chain.doFilter(request, response);
    }

    /** True also for a session already invalidated. */
    boolean idleTooLong(HttpSession session) {
        try {
            Object last = session.getAttribute(ATTRIBUTE);
            long since = last instanceof Long millis ? millis : session.getCreationTime();
            return clock.millis() - since > idleTimeout.toMillis();
        } catch (IllegalStateException invalidated) {
            return true;
        }
    }

    /** Requests the page makes by itself, not the user. */
    private static boolean liveUpdate(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod()) && (path.equals("/reading/stream") || path.equals("/reading/rows"));
    }

    @Configuration
    static class Registration {

        @Bean
        LastUserActivity lastUserActivity(
                @Value("${ris.reading.idle-timeout:${server.servlet.session.timeout:30m}}") Duration idleTimeout) {
            return new LastUserActivity(idleTimeout, Clock.systemUTC());
        }

        /** Before Spring Security's filters, so that a session ended here is not used for this request. */
        @Bean
        FilterRegistrationBean<LastUserActivity> lastUserActivityRegistration(LastUserActivity filter) {
            FilterRegistrationBean<LastUserActivity> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
            return registration;
        }
    }
}
