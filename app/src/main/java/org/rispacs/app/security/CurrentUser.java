package org.rispacs.app.security;

import java.util.Arrays;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.springframework.security.core.Authentication;

/** The signed-in user as the workflow sees them. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static boolean mustChangePassword(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> Role.PASSWORD_CHANGE_REQUIRED.equals(authority.getAuthority()));
    }

    public static boolean has(Authentication authentication, Role role) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> role.authority().equals(authority.getAuthority()));
    }

    /** The user acting in the given role (which they must hold). */
    public static Actor actor(Authentication authentication, String displayName, Role role) {
        if (!has(authentication, role)) {
            throw new IllegalStateException(authentication.getName() + " does not hold " + role);
        }
        return new Actor(authentication.getName(), displayName, role.clinicalRole());
    }

    /** The clinical role of a user's most specific role, for acts any of several roles may perform. */
    public static ClinicalRole clinicalRole(Authentication authentication) {
        return Arrays.stream(Role.values()).filter(role -> has(authentication, role)).findFirst()
                .map(Role::clinicalRole).orElseThrow();
    }
}
