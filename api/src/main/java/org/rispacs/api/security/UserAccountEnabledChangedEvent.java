package org.rispacs.api.security;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/** An administrator disabled an account (it can no longer sign in) or enabled it again. */
@Revision("1")
public record UserAccountEnabledChangedEvent(String username, boolean enabled) implements ConcernsUser {
}
