package org.rispacs.app.security;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param maxLoginFailures    failed sign-ins per user name and address before that pair is locked out
 * @param loginLockout        how long a locked-out pair waits after its last failure
 * @param integrationUser     an account for a REST integration, created (or its password and roles
 *                            updated) at start when set; it never has to change its password
 * @param integrationPassword its password (at least 12 characters)
 * @param integrationRoles    its roles
 */
@ConfigurationProperties("ris.security")
public record SecurityProperties(
        @DefaultValue("5") int maxLoginFailures,
        @DefaultValue("15m") Duration loginLockout,
        String integrationUser,
        String integrationPassword,
        @DefaultValue("TECHNOLOGIST") Set<Role> integrationRoles) {
}
