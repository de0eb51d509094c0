package org.rispacs.api.security;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/** An account was created, with a temporary password its user must change, or by configuration. */
@Revision("1")
public record UserAccountCreatedEvent(String username, String displayName, List<String> roles,
                                      boolean mustChangePassword) implements ConcernsUser {

    public UserAccountCreatedEvent {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
