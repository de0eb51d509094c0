package org.rispacs.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a few minutes and in memory only, which password matched which stored hash, so
 * that an integration sending HTTP Basic credentials with every request pays bcrypt's deliberate
 * cost (tens of milliseconds) once, not per request (Elasticsearch's realms cache credentials the
 * same way). Only matches are remembered, so every wrong password still costs a full check and
 * counts against the sign-in throttle. A match is keyed by a keyed hash (random key per process)
 * of the password together with the stored hash: a changed password has a new hash and is never
 * answered from here; enabled state and roles are read from the database on every request.
 */
final class RememberedPasswordMatches implements PasswordEncoder {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 1000;

    private final PasswordEncoder encoder;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Instant> matchedUntil = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    RememberedPasswordMatches(PasswordEncoder encoder, Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return encoder.matches(rawPassword, encodedPassword);
        }
        String match = fingerprint(rawPassword, encodedPassword);
        Instant now = clock.instant();
        synchronized (matchedUntil) {
            Instant until = matchedUntil.get(match);
            if (until != null && now.isBefore(until)) {
                return true;
            }
            matchedUntil.remove(match);
        }
        boolean matches = encoder.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (matchedUntil) {
                matchedUntil.put(match, now.plus(REMEMBERED_FOR));
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
