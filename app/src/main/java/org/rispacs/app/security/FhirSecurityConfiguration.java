package org.rispacs.app.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
 * Refusals are OperationOutcomes ({@link FhirRefusals}).
 */
@Configuration
@ConditionalOnWebApplication
class FhirSecurityConfiguration {

    private static final String REALM = "ris-pacs fhir";

    @Bean
    @Order(0)
    SecurityFilterChain fhir(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher("/fhir/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/metadata")).permitAll()
                        // the audit trail: for those who may see it on the audit pages and REST API
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/AuditEvent"),
                                paths.matcher(HttpMethod.GET, "/fhir/AuditEvent/**"))
                        .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/**"))
                        .hasAnyRole(Role.TECHNOLOGIST.name(), Role.RADIOLOGIST.name(), Role.ADMIN.name())
                        // placing orders: those who may place them over the REST API
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/fhir/ServiceRequest"),
                                paths.matcher(HttpMethod.POST, "/fhir"))
                        .hasAnyRole(Role.TECHNOLOGIST.name(), Role.ADMIN.name())
                        // subscriptions notify of patient data: for those who may read it
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/fhir/Subscription"),
                                paths.matcher(HttpMethod.DELETE, "/fhir/Subscription/*"))
                        .hasAnyRole(Role.TECHNOLOGIST.name(), Role.RADIOLOGIST.name(), Role.ADMIN.name())
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(FhirRefusals.unauthenticated(REALM)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(FhirRefusals.unauthenticated(REALM))
                        .accessDeniedHandler(FhirRefusals.forbidden()))
                .authenticationManager(authentication)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless: credentials come with each request, never from a cookie, so no CSRF token
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
