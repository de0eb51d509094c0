package org.rispacs.api.security;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/** A user chose a new password for their own account. */
@Revision("1")
public record UserPasswordChangedEvent(String username) implements ConcernsUser {
}
