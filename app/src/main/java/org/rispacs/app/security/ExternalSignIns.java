package org.rispacs.app.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The authorization servers we sign users in with, as Spring's OAuth2 client knows them: one per
 * configured SMART EHR ({@code smart-<name>}) and the OpenID Connect provider ({@code oidc}). Each is
 * discovered when first used rather than at start, so that an EHR that is down does not stop the
 * application; an EHR's is discovered again at each launch (its endpoints may move), from its
 * {@code .well-known/smart-configuration}, and kept for the code exchange that follows.
 */
@Component
class ExternalSignIns implements ClientRegistrationRepository {

    static final String SMART_PREFIX = "smart-";
    static final String OIDC = "oidc";
    /** Spring's login filter answers here; the registration id names who is answering. */
    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);

    private final SmartProperties smart;
    private final OidcProperties oidc;
    private final RestClient http;
    private final Map<String, ClientRegistration> known = new ConcurrentHashMap<>();

    ExternalSignIns(SmartProperties smart, OidcProperties oidc) {
        this.smart = smart;
        this.oidc = oidc;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(DISCOVERY_TIMEOUT);
        requests.setReadTimeout(DISCOVERY_TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        ClientRegistration found = known.get(registrationId);
        if (found != null) {
            return found;
        }
        if (OIDC.equals(registrationId) && oidc.enabled()) {
            return known.computeIfAbsent(OIDC, id -> oidcProvider());
        }
        if (registrationId != null && registrationId.startsWith(SMART_PREFIX)
                && smart.ehrs().containsKey(registrationId.substring(SMART_PREFIX.length()))) {
            return discover(registrationId.substring(SMART_PREFIX.length()));
        }
        return null;
    }

    /** The EHR's registration from its SMART configuration as it is now; fails if the EHR does not answer. */
    ClientRegistration discover(String ehrName) {
        SmartEhr ehr = smart.ehrs().get(ehrName);
        String location = ehr.base() + "/.well-known/smart-configuration";
        Map<?, ?> configuration;
        try {
            configuration = http.get().uri(location).accept(MediaType.APPLICATION_JSON).retrieve().body(Map.class);
        } catch (RestClientException unanswered) {
            throw new SmartDiscoveryException(location + " did not answer: " + unanswered.getMessage(), unanswered);
        }
        String authorize = text(configuration, "authorization_endpoint");
        String token = text(configuration, "token_endpoint");
        String keys = text(configuration, "jwks_uri");
        if (authorize == null || token == null || keys == null) {
            throw new SmartDiscoveryException(location + " names no authorization_endpoint, token_endpoint and "
                    + "jwks_uri (the keys of its ID tokens)", null);
        }
        ClientRegistration registration = ClientRegistration.withRegistrationId(SMART_PREFIX + ehrName)
                .clientName(ehrName)
                .clientId(ehr.clientId())
                .clientSecret(ehr.isPublicClient() ? null : ehr.clientSecret())
                .clientAuthenticationMethod(ehr.isPublicClient() ? ClientAuthenticationMethod.NONE
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope(ehr.scopes())
                .authorizationUri(authorize)
                .tokenUri(token)
                .jwkSetUri(keys)
                .issuerUri(text(configuration, "issuer"))
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .build();
        known.put(registration.getRegistrationId(), registration);
        return registration;
    }

    private ClientRegistration oidcProvider() {
        boolean publicClient = oidc.clientSecret() == null || oidc.clientSecret().isBlank();
        return ClientRegistrations.fromIssuerLocation(oidc.issuer().toString())
                .registrationId(OIDC)
                .clientName(oidc.displayName())
                .clientId(oidc.clientId())
                .clientSecret(publicClient ? null : oidc.clientSecret())
                .clientAuthenticationMethod(publicClient ? ClientAuthenticationMethod.NONE
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope(oidc.scopes())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .build();
    }

    Optional<String> oidcDisplayName() {
        return oidc.enabled() ? Optional.of(oidc.displayName()) : Optional.empty();
    }

    private static String text(Map<?, ?> configuration, String key) {
        return configuration != null && configuration.get(key) instanceof String value && !value.isBlank()
                ? value : null;
    }
}
