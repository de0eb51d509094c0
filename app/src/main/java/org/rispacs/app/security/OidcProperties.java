package org.rispacs.app.security;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in to the web pages with the hospital's OpenID Connect provider, beside the form (off unless enabled).
 *
 * @param enabled       whether the sign-in page offers it
 * @param issuer        the provider's issuer (its discovery document is read from there)
 * @param clientId      our client id there
 * @param clientSecret  our secret there; none for a public client with PKCE
 * @param scopes        what we ask for
 * @param displayName   the provider's name on the sign-in page
 * @param usernameClaim the ID token claim that is the user name (else {@code sub})
 * @param roleClaim     the ID token claim listing the user's groups or roles at the provider
 * @param roles         our role for each value of that claim; a user with none of them is refused
 */
@ConfigurationProperties("ris.security.oidc")
public record OidcProperties(
        boolean enabled,
        URI issuer,
        String clientId,
        String clientSecret,
        @DefaultValue({"openid", "profile"}) Set<String> scopes,
        @DefaultValue("the hospital's sign-in") String displayName,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("roles") String roleClaim,
        @DefaultValue Map<String, Role> roles) {

    public OidcProperties {
        if (enabled && (issuer == null || clientId == null || clientId.isBlank() || roles.isEmpty())) {
            throw new IllegalArgumentException("ris.security.oidc: issuer, client-id and at least one entry of roles "
                    + "are required when enabled");
        }
    }
}
