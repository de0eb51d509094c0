package org.rispacs.app.security;

import java.time.Instant;
import java.util.Set;

/** A stored account, its password hash never leaving the security package. */
public record UserAccount(
        String username,
        String displayName,
        Set<Role> roles,
        boolean enabled,
        boolean mustChangePassword,
        Instant createdAt,
        Instant passwordChangedAt) {
}
