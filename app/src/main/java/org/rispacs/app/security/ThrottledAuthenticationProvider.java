package org.rispacs.app.security;

import org.rispacs.api.security.UserLockedOutEvent;
import org.rispacs.api.security.UserSignInFailedEvent;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password authentication behind the {@link LoginThrottle}, for the login form and HTTP Basic alike.
 * Only a refused credential counts as a failure: when the accounts cannot be read (the database is
 * down or its connections are exhausted) nobody guessed anything, and counting it would lock out
 * every integration for the lockout period after the outage. Refusals and the lockouts they cause
 * are recorded as security events (the actor is unknown: anonymous; the user name given is the
 * account concerned).
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final SecurityAudit audit;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this(passwords, throttle, null);
    }

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, SecurityAudit audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : "unknown";
        if (throttle.isLocked(username, address)) {
            LockedException locked = new LockedException("too many failed sign-ins; try again later");
            record(new UserSignInFailedEvent(username, locked.getMessage()));
            throw locked;
        }
        try {
            Authentication authenticated = passwords.authenticate(attempt);
            throttle.succeeded(username, address);
            return authenticated;
        } catch (InternalAuthenticationServiceException unavailable) {
            throw unavailable;
        } catch (AuthenticationException failed) {
            record(new UserSignInFailedEvent(username, failed.getMessage()));
            throttle.failed(username, address).ifPresent(lockout -> record(new UserLockedOutEvent(username,
                    lockout.address(), lockout.failures(), lockout.until())));
            throw failed;
        }
    }

    private void record(Object event) {
        if (audit != null) {
            audit.record(event, "anonymous");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
