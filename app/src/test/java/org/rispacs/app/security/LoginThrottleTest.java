package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.ManualClock;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void locksAUserAndAddressAfterTheLimitUntilTheLockoutHasPassed() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.isLocked("Alice", "10.0.0.1")).isFalse();
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(throttle.isLocked("alice", "10.0.0.1")).isTrue();
        assertThat(throttle.isLocked("ALICE", "10.0.0.1")).as("user names compare case-insensitively").isTrue();
        assertThat(throttle.isLocked("alice", "10.0.0.2")).as("another address").isFalse();
        assertThat(throttle.isLocked("bob", "10.0.0.1")).as("another user").isFalse();
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.isLocked("alice", "10.0.0.1")).isFalse();
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        throttle.failed("carol", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        throttle.succeeded("carol", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        throttle.failed("carol", "10.0.0.1");
        assertThat(throttle.isLocked("carol", "10.0.0.1")).isFalse();
    }

    @Test
    void failuresOlderThanTheLockoutStartACountAfresh() {
        throttle.failed("dave", "10.0.0.1");
        throttle.failed("dave", "10.0.0.1");
        clock.advance(Duration.ofMinutes(20));
        throttle.failed("dave", "10.0.0.1");
        assertThat(throttle.isLocked("dave", "10.0.0.1")).isFalse();
    }
}
