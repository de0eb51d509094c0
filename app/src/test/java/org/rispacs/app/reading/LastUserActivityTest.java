package org.rispacs.app.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.ManualClock;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class LastUserActivityTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final LastUserActivity activity = new LastUserActivity(Duration.ofMinutes(30), clock);
    private final MockHttpSession session = new MockHttpSession();

    @Test
    void liveUpdatesDoNotKeepASessionAliveButTheUsersOwnRequestsDo() throws Exception {
        request("GET", "/reading");
        clock.advance(Duration.ofMinutes(20));
        request("GET", "/reading/stream");
        request("GET", "/reading/rows");
        clock.advance(Duration.ofMinutes(9));
        request("POST", "/reading/studies/o1/report/autosave");
        clock.advance(Duration.ofMinutes(29));
        request("GET", "/reading/rows");
        assertThat(session.isInvalid()).as("29 minutes after the autosave").isFalse();

        clock.advance(Duration.ofMinutes(2));
        assertThat(activity.idleTooLong(session)).isTrue();
        request("GET", "/reading/stream");
        assertThat(session.isInvalid()).as("31 minutes after the user's last request").isTrue();
        assertThat(activity.idleTooLong(session)).as("an ended session stays ended").isTrue();
    }

    @Test
    void anyRequestAfterTheIdleTimeEndsTheSessionBeforeItIsUsed() throws Exception {
        request("GET", "/reading");
        clock.advance(Duration.ofMinutes(31));
        request("GET", "/reading/studies/o1");
        assertThat(session.isInvalid()).isTrue();
    }

    private void request(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setSession(session);
        activity.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    }
}
