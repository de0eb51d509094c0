package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who an EHR launch signs in, in what role, and for what context; and which EHRs may launch at all. */
class ExternalUsersTest {

    private static final SmartEhr EHR = new SmartEhr(URI.create("https://ehr.example/fhir/"), "ris", null,
            Set.of("launch", "openid"), Role.TECHNOLOGIST);
    private static final SmartProperties SMART = new SmartProperties(Map.of("ward", EHR));
    private static final OidcProperties NO_OIDC = new OidcProperties(false, null, null, null, Set.of("openid"),
            "none", "preferred_username", "roles", Map.of());

    @Test
    void aLaunchedUserIsTheFhirUserInTheEhrsRoleWithTheContextOfTheTokenResponse() {
        OidcUser user = new ExternalUsers(SMART, NO_OIDC).loadUser(request(
                Map.of("sub", "u-17", "fhirUser", "Practitioner/17"),
                Map.of("patient", "p-1", "imagingstudy", " 1.2.3 ", "accession", "A-9")));

        assertThat(user.getName()).isEqualTo("Practitioner/17");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_TECHNOLOGIST");
        assertThat(((SmartLaunchUser) user).context()).isEqualTo(new SmartLaunchContext("ward",
                "https://ehr.example/fhir/", "p-1", "1.2.3", null, "A-9"));
    }

    @Test
    void withoutFhirUserTheSubjectNamesTheUserAndSmartTwoReferencesGiveTheContext() {
        OidcUser user = new ExternalUsers(SMART, NO_OIDC).loadUser(request(Map.of("sub", "u-18"),
                Map.of("fhirContext", List.of(Map.of("reference", "ServiceRequest/o-5"),
                        Map.of("reference", "ImagingStudy/1.2.4"), Map.of("type", "Encounter")))));

        assertThat(user.getName()).isEqualTo("u-18");
        assertThat(((SmartLaunchUser) user).context()).isEqualTo(new SmartLaunchContext("ward",
                "https://ehr.example/fhir/", null, "1.2.4", "o-5", null));
    }

    @Test
    void onlyAConfiguredFhirBaseLaunchesWithOrWithoutItsTrailingSlash() {
        assertThat(SMART.byIss("https://ehr.example/fhir")).get().extracting(Map.Entry::getKey).isEqualTo("ward");
        assertThat(SMART.byIss("https://ehr.example/fhir/")).isPresent();
        assertThat(SMART.byIss("https://ehr.example/fhir/other")).isEmpty();
        assertThat(SMART.byIss("https://evil.example/fhir")).isEmpty();
        assertThat(SMART.byIss(null)).isEmpty();
        assertThat(SMART.byIss(" ")).isEmpty();
    }

    @Test
    void anEhrWithoutLaunchOrOpenidScopesOrClientIsRefusedAtStart() {
        assertThatThrownBy(() -> new SmartProperties(Map.of("ward", new SmartEhr(URI.create("https://ehr.example/fhir"),
                "ris", null, Set.of("launch", "patient/*.read"), Role.RADIOLOGIST))))
                .hasMessageContaining("ris.smart.ehrs.ward.scopes must hold launch and openid");
        assertThatThrownBy(() -> new SmartProperties(Map.of("ward", new SmartEhr(URI.create("https://ehr.example/fhir"),
                " ", null, Set.of("launch", "openid"), Role.RADIOLOGIST))))
                .hasMessageContaining("client-id");
        assertThatThrownBy(() -> new OidcProperties(true, URI.create("https://idp.example"), "ris", null,
                Set.of("openid"), "IdP", "preferred_username", "roles", Map.of()))
                .hasMessageContaining("at least one entry of roles");
    }

    private static OidcUserRequest request(Map<String, Object> claims, Map<String, Object> tokenResponse) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("smart-ward").clientId("ris")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(ExternalSignIns.REDIRECT_URI).scope("launch", "openid")
                .authorizationUri("https://ehr.example/authorize").tokenUri("https://ehr.example/token")
                .jwkSetUri("https://ehr.example/jwks").build();
        Instant now = Instant.now();
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token", now,
                now.plusSeconds(300), Set.of("launch", "openid"));
        OidcIdToken idToken = new OidcIdToken("id-token", now, now.plusSeconds(300), claims);
        return new OidcUserRequest(registration, accessToken, idToken, tokenResponse);
    }
}
