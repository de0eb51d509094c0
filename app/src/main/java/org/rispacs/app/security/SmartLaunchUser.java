package org.rispacs.app.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A user an EHR launched us for: their identity from the EHR's ID token, their role from our configuration. */
final class SmartLaunchUser extends DefaultOidcUser {

    private final SmartLaunchContext context;

    SmartLaunchUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, String nameClaim,
                    SmartLaunchContext context) {
        super(authorities, idToken, nameClaim);
        this.context = context;
    }

    SmartLaunchContext context() {
        return context;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmartLaunchUser user && super.equals(user) && context.equals(user.context);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + context.hashCode();
    }
}
