package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.ManualClock;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberedPasswordMatchesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T08:00:00Z"));
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            fullChecks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    };
    private final RememberedPasswordMatches remembered = new RememberedPasswordMatches(counting, clock);
    private final String hash = bcrypt.encode("correct horse battery");

    @Test
    void aMatchIsCheckedInFullOnceThenRememberedUntilItExpires() {
        assertThat(remembered.matches("correct horse battery", hash)).isTrue();
        assertThat(remembered.matches("correct horse battery", hash)).isTrue();
        assertThat(fullChecks).hasValue(1);

        clock.advance(RememberedPasswordMatches.REMEMBERED_FOR);
        assertThat(remembered.matches("correct horse battery", hash)).isTrue();
        assertThat(fullChecks).as("checked in full again once the memory expired").hasValue(2);
    }

    @Test
    void wrongPasswordsAreNeverRememberedAndAlwaysCheckedInFull() {
        assertThat(remembered.matches("correct horse battery", hash)).isTrue();
        assertThat(remembered.matches("wrong horse battery", hash)).isFalse();
        assertThat(remembered.matches("wrong horse battery", hash)).isFalse();
        assertThat(remembered.matches("correct horse battery ", hash)).isFalse();
        assertThat(fullChecks).hasValue(4);
    }

    @Test
    void aChangedPasswordHashIsNotAnsweredFromMemory() {
        assertThat(remembered.matches("correct horse battery", hash)).isTrue();
        String changed = bcrypt.encode("a new password entirely");
        assertThat(remembered.matches("correct horse battery", changed)).isFalse();
        assertThat(remembered.matches("a new password entirely", changed)).isTrue();
        assertThat(fullChecks).hasValue(3);
    }

    @Test
    void encodingIsLeftToTheRealEncoder() {
        String encoded = remembered.encode("another secret value");
        assertThat(encoded).startsWith("{bcrypt}");
        assertThat(bcrypt.matches("another secret value", encoded)).isTrue();
    }
}
