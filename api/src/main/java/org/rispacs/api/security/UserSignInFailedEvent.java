package org.rispacs.api.security;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/**
 * A sign-in (login form or HTTP Basic) was refused.
 *
 * @param username the user name that was given, whether or not such an account exists
 * @param reason   why, as Spring Security put it (bad credentials, locked, disabled)
 */
@Revision("1")
public record UserSignInFailedEvent(String username, String reason) implements ConcernsUser {
}
