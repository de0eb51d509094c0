package org.rispacs.api.security;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsUser;

/** An administrator set a user's roles: what they were and what they are now. */
@Revision("1")
public record UserRolesChangedEvent(String username, List<String> previousRoles, List<String> roles)
        implements ConcernsUser {

    public UserRolesChangedEvent {
        previousRoles = previousRoles == null ? List.of() : List.copyOf(previousRoles);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
