package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Where a sign-in with an authorization server begins: an EHR's SMART launch at {@value #LAUNCH}
 * ({@code iss}, {@code launch}), or the OpenID Connect sign-in link at {@value #OIDC_START}.
 * A launch is sent to the EHR's authorization server with {@code aud} (the EHR's FHIR base) and
 * {@code launch} added, and always with PKCE. A launch that cannot go on (an EHR not configured,
 * no launch id, an EHR whose configuration cannot be read) is not resolved: the launch page then
 * answers it with the reason left in the request ({@link SmartLaunchContext#REFUSAL}), and nothing is kept.
 */
class ExternalSignInRequests implements OAuth2AuthorizationRequestResolver {

    static final String LAUNCH = "/smart/launch";
    static final String OIDC_START = "/oauth2/authorization/" + ExternalSignIns.OIDC;

    private final ExternalSignIns registrations;
    private final SmartProperties smart;

    ExternalSignInRequests(ExternalSignIns registrations, SmartProperties smart) {
        this.registrations = registrations;
        this.smart = smart;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (LAUNCH.equals(path) && "GET".equals(request.getMethod())) {
            return launch(request);
        }
        if (OIDC_START.equals(path) && registrations.oidcDisplayName().isPresent()) {
            return resolver(builder -> { }).resolve(request, ExternalSignIns.OIDC);
        }
        return null;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        // only the two starts above begin a sign-in; nothing else names a registration
        return null;
    }

    private OAuth2AuthorizationRequest launch(HttpServletRequest request) {
        String iss = request.getParameter("iss");
        String launch = request.getParameter("launch");
        Optional<Map.Entry<String, SmartEhr>> ehr = smart.byIss(iss);
        if (ehr.isEmpty()) {
            return refused(request, iss == null || iss.isBlank() ? "The launch names no EHR (iss is missing)."
                    : "The EHR " + iss + " is not one this application accepts launches from.");
        }
        if (launch == null || launch.isBlank()) {
            return refused(request, "The launch from " + iss + " carries no launch context (launch is missing).");
        }
        try {
            registrations.discover(ehr.get().getKey());
        } catch (SmartDiscoveryException unreadable) {
            return refused(request, "The EHR's SMART configuration could not be read: " + unreadable.getMessage());
        }
        String audience = ehr.get().getValue().iss().toString();
        Consumer<OAuth2AuthorizationRequest.Builder> context = builder -> builder.additionalParameters(
                parameters -> {
                    parameters.put("aud", audience);
                    parameters.put("launch", launch);
                });
        // a public client gets PKCE from Spring already; a confidential one is given it as well
        return resolver(ehr.get().getValue().isPublicClient() ? context
                : OAuth2AuthorizationRequestCustomizers.withPkce().andThen(context))
                .resolve(request, ExternalSignIns.SMART_PREFIX + ehr.get().getKey());
    }

    private DefaultOAuth2AuthorizationRequestResolver resolver(Consumer<OAuth2AuthorizationRequest.Builder> custom) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(custom);
        return resolver;
    }

    private static OAuth2AuthorizationRequest refused(HttpServletRequest request, String reason) {
        request.setAttribute(SmartLaunchContext.REFUSAL, reason);
        return null;
    }
}
