package org.rispacs.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
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

    /** Counts a failure; answers the lockout it starts, if this failure is the one that locks. */
    public Optional<Lockout> failed(String username, String address) {
        Instant now = clock.instant();
        Failures counted = failures.compute(key(username, address), (key, previous) ->
                previous == null || previous.last().plus(lockout).isBefore(now)
                        ? new Failures(1, now) : new Failures(previous.count() + 1, now));
        if (failures.size() > 100_000) {
            failures.values().removeIf(entry -> entry.last().plus(lockout).isBefore(now));
        }
        return counted.count() == maxFailures
                ? Optional.of(new Lockout(address, counted.count(), now.plus(lockout))) : Optional.empty();
    }

    /** The latest-ending lockout of a user name, from whichever address, if one is in force. */
    public Optional<Lockout> lockout(String username) {
        String prefix = String.valueOf(username).toLowerCase() + "|";
        Instant now = clock.instant();
        return failures.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix) && entry.getValue().count() >= maxFailures
                        && entry.getValue().last().plus(lockout).isAfter(now))
                .map(entry -> new Lockout(entry.getKey().substring(prefix.length()), entry.getValue().count(),
                        entry.getValue().last().plus(lockout)))
                .max(Comparator.comparing(Lockout::until));
    }

    /** Forgets the failures of a user name from every address (an administrator reset the password). */
    public void unlock(String username) {
        String prefix = String.valueOf(username).toLowerCase() + "|";
        failures.keySet().removeIf(key -> key.startsWith(prefix));
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return String.valueOf(username).toLowerCase() + "|" + address;
    }

    private record Failures(int count, Instant last) {
    }

    /** Sign-ins of a user name from {@code address} are refused until {@code until}. */
    public record Lockout(String address, int failures, Instant until) {
    }
}
