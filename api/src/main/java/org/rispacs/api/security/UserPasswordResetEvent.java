package org.rispacs.api.security;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/**
 * An administrator set a temporary password, which also lifts a lockout.
 *
 * @param wasLockedOut whether the user was locked out when the password was reset
 */
@Revision("1")
public record UserPasswordResetEvent(String username, boolean wasLockedOut) implements ConcernsUser {
}
