package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

/**
 * Who a bearer token on the FHIR server is, by Spring Security's resource server: the token's
 * {@code iss} picks one of the configured issuers (any other is refused), whose keys (found through its
 * discovery document when its first token arrives) must have signed it; it must be current, and
 * hold our FHIR base in {@code aud}. The user is named by the issuer's configured claim (else
 * {@code sub}), in the issuer's role, or the roles its role claim maps to.
 */
final class BearerTokens {

    private BearerTokens() {
    }

    static AuthenticationManagerResolver<HttpServletRequest> resolver(FhirBearerProperties properties) {
        Map<String, AuthenticationManager> byIssuer = properties.issuers().values().stream()
                .collect(Collectors.toUnmodifiableMap(BearerIssuer::issuer, BearerTokens::manager));
        return new JwtIssuerAuthenticationManagerResolver(byIssuer::get);
    }

    private static AuthenticationManager manager(BearerIssuer issuer) {
        // discovered at the first token rather than at start, so an issuer that is down does not stop us
        SupplierJwtDecoder decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder discovered = NimbusJwtDecoder.withIssuerLocation(issuer.issuer()).build();
            discovered.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer.issuer()),
                    new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                            audience -> audience != null && audience.contains(issuer.audience()))));
            return discovered;
        });
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(token -> user(issuer, token));
        return token -> {
            try {
                return provider.authenticate(token);
            } catch (JwtDecoderInitializationException unreachable) {
                throw new InvalidBearerTokenException("the keys of " + issuer.issuer() + " could not be found now; "
                        + "retry later", unreachable);
            }
        };
    }

    static JwtAuthenticationToken user(BearerIssuer issuer, Jwt token) {
        String name = token.getClaimAsString(issuer.usernameClaim());
        return new JwtAuthenticationToken(token, roles(issuer, token).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList(),
                name != null && !name.isBlank() ? name : token.getSubject());
    }

    private static Set<Role> roles(BearerIssuer issuer, Jwt token) {
        if (issuer.role() != null) {
            return EnumSet.of(issuer.role());
        }
        Object claim = token.getClaims().get(issuer.roleClaim());
        Collection<?> values = claim instanceof Collection<?> many ? many
                : claim instanceof String one ? List.of(one.split("[\\s,]+")) : List.of();
        return values.stream().map(String::valueOf).map(issuer.roles()::get).filter(role -> role != null)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
