package org.rispacs.api.security;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/** A user signed in to the web pages (a session began). */
@Revision("1")
public record UserSignedInEvent(String username) implements ConcernsUser {
}
