package org.rispacs.api.security;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/**
 * Too many failed sign-ins for a user name from one address: sign-ins from there are refused
 * until {@code until} (or until an administrator resets the password).
 */
@Revision("1")
public record UserLockedOutEvent(String username, String address, int failures, Instant until) implements ConcernsUser {
}
