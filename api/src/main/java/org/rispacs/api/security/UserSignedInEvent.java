package org.rispacs.api.security;

import org.axonframework.serialization.Revision;

/** A user signed in to the web pages (a session began). */
@Revision("1")
public record UserSignedInEvent(String username) {
}
