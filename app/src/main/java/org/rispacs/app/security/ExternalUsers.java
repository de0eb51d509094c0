package org.rispacs.app.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who signed in through an authorization server, once Spring has exchanged the code and validated
 * the ID token. An EHR launch: the user named by the ID token's {@code fhirUser} (else {@code sub}),
 * in the role configured for that EHR, with the launch context from the token response's extra
 * parameters. The OpenID Connect sign-in: the user named by the configured claim, in the roles
 * its role claim maps to; a user whose claim maps to none of ours is refused.
 */
class ExternalUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String FHIR_USER = "fhirUser";

    private final SmartProperties smart;
    private final OidcProperties oidc;
    private final OidcUserService provider = new OidcUserService();

    ExternalUsers(SmartProperties smart, OidcProperties oidc) {
        this.smart = smart;
        this.oidc = oidc;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        String registrationId = request.getClientRegistration().getRegistrationId();
        if (registrationId.startsWith(ExternalSignIns.SMART_PREFIX)) {
            return launched(registrationId.substring(ExternalSignIns.SMART_PREFIX.length()), request);
        }
        return signedIn(request);
    }

    private OidcUser launched(String ehrName, OidcUserRequest request) {
        SmartEhr ehr = smart.ehrs().get(ehrName);
        OidcIdToken idToken = request.getIdToken();
        Map<String, Object> extra = request.getAdditionalParameters();
        String study = text(extra.get("imagingstudy"));
        String order = text(extra.get("servicerequest"));
        // SMART v2 may name the context as references instead
        if (extra.get("fhirContext") instanceof Collection<?> references) {
            for (Object one : references) {
                String reference = one instanceof Map<?, ?> map ? text(map.get("reference")) : null;
                study = study == null ? idOf(reference, "ImagingStudy/") : study;
                order = order == null ? idOf(reference, "ServiceRequest/") : order;
            }
        }
        SmartLaunchContext context = new SmartLaunchContext(ehrName, ehr.iss().toString(),
                text(extra.get("patient")), study, order, text(extra.get("accession")));
        String nameClaim = idToken.getClaimAsString(FHIR_USER) != null ? FHIR_USER : IdTokenClaimNames.SUB;
        return new SmartLaunchUser(List.of(new SimpleGrantedAuthority(ehr.role().authority())), idToken, nameClaim,
                context);
    }

    private OidcUser signedIn(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        Object claim = user.getClaims().get(oidc.roleClaim());
        Collection<?> values = claim instanceof Collection<?> many ? many
                : claim instanceof String one ? List.of(one.split("[\\s,]+")) : List.of();
        Set<Role> roles = values.stream().map(String::valueOf).map(oidc.roles()::get)
                .filter(role -> role != null).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        if (roles.isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    user.getSubject() + " holds no role of this application (claim " + oidc.roleClaim() + ")",
                    null));
        }
        List<GrantedAuthority> authorities = roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
        String nameClaim = user.getClaimAsString(oidc.usernameClaim()) != null ? oidc.usernameClaim()
                : IdTokenClaimNames.SUB;
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
    }

    private static String idOf(String reference, String type) {
        return reference != null && reference.startsWith(type) ? reference.substring(type.length()) : null;
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }
}
