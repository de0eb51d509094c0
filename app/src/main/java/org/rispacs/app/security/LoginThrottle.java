package org.rispacs.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code ris.security.max-login-failures} failed attempts for one
 * user name from one address, further attempts from there are refused, without even checking
 * the password, until {@code ris.security.login-lockout} has passed since the last failure.
 * Kept in memory per instance: a restart or another instance starts counting afresh, which still
 * bounds guessing to a handful of attempts per lockout period and instance.
 */
@Component
public class LoginThrottle {

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(SecurityProperties properties) {
        this(properties.maxLoginFailures(), properties.loginLockout(), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    public boolean isLocked(String username, String address) {
        Failures recorded = failures.get(key(username, address));
        return recorded != null && recorded.count() >= maxFailures
                && recorded.last().plus(lockout).isAfter(clock.instant());
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        failures.compute(key(username, address), (key, previous) ->
                previous == null || previous.last().plus(lockout).isBefore(now)
                        ? new Failures(1, now) : new Failures(previous.count() + 1, now));
        if (failures.size() > 100_000) {
            failures.values().removeIf(entry -> entry.last().plus(lockout).isBefore(now));
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return String.valueOf(username).toLowerCase() + "|" + address;
    }

    private record Failures(int count, Instant last) {
    }
}
