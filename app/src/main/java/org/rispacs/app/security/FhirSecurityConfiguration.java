package org.rispacs.app.security;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyRole;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The FHIR server ({@code /fhir/**}): stateless HTTP Basic with the users and roles of the REST API.
 * Reading patient data is for those who may read orders there (technologists, radiologists,
 * administrators); placing orders ({@code POST /fhir/ServiceRequest}, a transaction to {@code POST /fhir})
 * for those who may place them there (technologists, administrators); the audit trail ({@code AuditEvent})
 * for auditors and administrators, as on the audit pages; subscriptions ({@code POST /fhir/Subscription},
 * {@code DELETE /fhir/Subscription/<id>}, and reading them) for those who may read patient data. The
 * CapabilityStatement ({@code GET /fhir/metadata}) is public, as FHIR clients expect to read it before signing in.
 * Refusals are OperationOutcomes ({@link FhirRefusals}). With issuers configured ({@link FhirBearerProperties}),
 * bearer tokens from them are accepted beside HTTP Basic ({@link BearerTokens}), with the same role rules and,
 * on top of them, the token's SMART scopes ({@link SmartScopeRules}).
 */
@Configuration
@ConditionalOnWebApplication
class FhirSecurityConfiguration {

    private static final String REALM = "ris-pacs fhir";

    @Bean
    @Order(0)
    SecurityFilterChain fhir(HttpSecurity http, AuthenticationManager authentication,
                             FhirBearerProperties bearer) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // bearer tokens' SMART scopes, on top of the roles (HTTP Basic users have roles alone)
        SmartScopeRules scopes = new SmartScopeRules("/fhir");
        AuthenticationEntryPoint unauthenticated = FhirRefusals.unauthenticated(REALM, bearer.enabled());
        http.securityMatcher(paths.matcher("/fhir/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/metadata"),
                                paths.matcher(HttpMethod.GET, "/fhir/.well-known/smart-configuration")).permitAll()
                        // the audit trail: for those who may see it on the audit pages and REST API
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/AuditEvent"),
                                paths.matcher(HttpMethod.GET, "/fhir/AuditEvent/**"))
                        .access(allOf(hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name()), scopes))
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/**"))
                        .access(allOf(hasAnyRole(Role.TECHNOLOGIST.name(), Role.RADIOLOGIST.name(), Role.ADMIN.name()),
                                scopes))
                        // placing orders: those who may place them over the REST API
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/fhir/ServiceRequest"),
                                paths.matcher(HttpMethod.POST, "/fhir"))
                        .access(allOf(hasAnyRole(Role.TECHNOLOGIST.name(), Role.ADMIN.name()), scopes))
                        // subscriptions notify of patient data: for those who may read it
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/fhir/Subscription"),
                                paths.matcher(HttpMethod.DELETE, "/fhir/Subscription/*"))
                        .access(allOf(hasAnyRole(Role.TECHNOLOGIST.name(), Role.RADIOLOGIST.name(),
                                Role.ADMIN.name()), scopes))
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(FhirRefusals.forbidden()))
                .authenticationManager(authentication)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless: credentials come with each request, never from a cookie, so no CSRF token
                .csrf(csrf -> csrf.disable());
        if (bearer.enabled()) {
            http.oauth2ResourceServer(tokens -> tokens
                    .authenticationManagerResolver(BearerTokens.resolver(bearer))
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(FhirRefusals.forbidden()));
        }
        return http.build();
    }
}
