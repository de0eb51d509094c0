package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.ManualClock;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class ThrottledAuthenticationProviderTest {

    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15),
            new ManualClock(Instant.parse("2026-01-01T08:00:00Z")));
    private final Authentication attempt = new UsernamePasswordAuthenticationToken("erin", "secret");

    @Test
    void refusedCredentialsCountTowardsTheLockout() {
        ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(refusing(
                new BadCredentialsException("bad credentials")), throttle);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(attempt)).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(attempt)).isInstanceOf(LockedException.class);
    }

    @Test
    void anUnreachableAccountStoreLocksNobodyOut() {
        ThrottledAuthenticationProvider failing = new ThrottledAuthenticationProvider(refusing(
                new InternalAuthenticationServiceException("connection is not available")), throttle);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> failing.authenticate(attempt))
                    .isInstanceOf(InternalAuthenticationServiceException.class);
        }
        assertThat(throttle.isLocked("erin", "unknown")).isFalse();

        ThrottledAuthenticationProvider recovered = new ThrottledAuthenticationProvider(accepting(), throttle);
        assertThat(recovered.authenticate(attempt).isAuthenticated()).isTrue();
    }

    @Test
    void theApiAnswersAnUncheckableCredentialWithRetryLaterAndARefusedOneWithAChallenge() throws Exception {
        ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint("ris-pacs");

        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        entryPoint.commence(new MockHttpServletRequest(), unavailable,
                new InternalAuthenticationServiceException("connection is not available"));
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeader("Retry-After")).isEqualTo("5");
        assertThat(unavailable.getHeader("WWW-Authenticate")).isNull();
        assertThat(unavailable.getContentAsString()).contains("retry later");

        MockHttpServletResponse refused = new MockHttpServletResponse();
        entryPoint.commence(new MockHttpServletRequest(), refused, new BadCredentialsException("bad credentials"));
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"ris-pacs\"");
    }

    private static AuthenticationProvider refusing(RuntimeException failure) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                throw failure;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
    }

    private static AuthenticationProvider accepting() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
    }
}
