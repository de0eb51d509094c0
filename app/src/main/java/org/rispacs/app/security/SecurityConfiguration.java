package org.rispacs.app.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Two filter chains. The REST API (and the OpenAPI description and actuator) is stateless with
 * HTTP Basic for integrations: no session, no cookie, hence no CSRF token. The web pages use a
 * login form, a session cookie, CSRF tokens on every unsafe request and strict security headers.
 * Both authorise by role on every path; anything not listed is refused (on the web side, a URL
 * that no controller answers is a 404 for a signed-in user, see {@link UnknownPages}). An expired
 * session is told as such, never as a role refusal ({@link SessionExpiry}). The OHIF viewer under
 * {@code /viewer/} is a page like the others, with a policy of its own that lets it run. Beside the
 * form, a session may begin with an EHR's SMART launch or the hospital's OpenID Connect sign-in
 * ({@link ExternalSignInRequests}, {@link ExternalUsers}).
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final String REALM = "ris-pacs";
    private static final String RADIOLOGIST = Role.RADIOLOGIST.name();
    private static final String TECHNOLOGIST = Role.TECHNOLOGIST.name();
    private static final String BILLING = Role.BILLING.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String PAGES_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
            + "base-uri 'self'; object-src 'none'";
    /**
     * The OHIF viewer sets styles inline (React, its UI kit), compiles its image codecs from
     * WebAssembly and runs its decoders in workers it creates from blobs; its images are blobs and
     * data URLs. Everything still comes from this origin only.
     */
    private static final String VIEWER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self' blob:; media-src 'self' blob:; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";
    private static final RequestMatcher VIEWER = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults()
            .matcher("/viewer"), PathPatternRequestMatcher.withDefaults().matcher("/viewer/**"));

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
                .authorizeHttpRequests(paths -> paths
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/orders/**").hasAnyRole(TECHNOLOGIST, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/orders/**")
                        .hasAnyRole(TECHNOLOGIST, RADIOLOGIST, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/worklists/modality/**").hasAnyRole(TECHNOLOGIST, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/worklists/reading/**").hasAnyRole(RADIOLOGIST, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/studies/**").hasAnyRole(TECHNOLOGIST, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/billing/**").hasAnyRole(BILLING, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/billing/charges/*/payments").hasAnyRole(BILLING, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/interfaces/**")
                        .hasAnyRole(ADMIN, TECHNOLOGIST, AUDITOR)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**").authenticated()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(new ApiAuthenticationEntryPoint(REALM)))
                .authenticationManager(authentication)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless: credentials come with each request, never from a cookie, so no CSRF token
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, AuthenticationManager authentication, SecurityAudit audit,
                            @Qualifier("requestMappingHandlerMapping")
                            ObjectProvider<RequestMappingHandlerMapping> controllers,
                            ExternalSignIns externalSignIns, SmartProperties smart, OidcProperties oidc)
            throws Exception {
        SessionExpiry expiry = new SessionExpiry(new PasswordChangeFirst(new AccessDeniedHandlerImpl()));
        http.authorizeHttpRequests(paths -> paths
                        // the dispatch that ends a stream (SSE) was authorised when the stream began; checked again
                        // after the session ended, it would fail on a committed response
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/js/**").permitAll()
                        .requestMatchers("/account/**").authenticated()
                        .requestMatchers(ExternalSignInRequests.LAUNCH).permitAll()
                        .requestMatchers(ExternalSignedIn.LAUNCHED).authenticated()
                        .requestMatchers("/reading/**").hasRole(RADIOLOGIST)
                        .requestMatchers("/viewer", "/viewer/**").hasAnyRole(RADIOLOGIST, TECHNOLOGIST)
                        .requestMatchers("/scheduling/**").hasAnyRole(TECHNOLOGIST, ADMIN)
                        .requestMatchers("/reconciliation/**").hasAnyRole(TECHNOLOGIST, ADMIN)
                        .requestMatchers("/billing/**").hasAnyRole(BILLING, ADMIN)
                        .requestMatchers("/audit/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers("/interfaces/**").hasAnyRole(ADMIN, TECHNOLOGIST, AUDITOR)
                        .requestMatchers("/admin/**").hasRole(ADMIN)
                        .requestMatchers("/", "/swagger-ui.html", "/swagger-ui/**")
                        .hasAnyRole(RADIOLOGIST, TECHNOLOGIST, BILLING, AUDITOR, ADMIN)
                        .anyRequest().access(new UnknownPages(controllers)))
                .authenticationManager(authentication)
                .formLogin(form -> form.loginPage("/login").successHandler(new SignedIn(audit)).permitAll())
                // SMART EHR launches and the OpenID Connect sign-in: Spring's OAuth2 client does the protocol
                .oauth2Login(external -> external.loginPage("/login")
                        .clientRegistrationRepository(externalSignIns)
                        // the authorization server's tokens live and die with the session, not in a map beside it
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .authorizationEndpoint(start -> start.authorizationRequestResolver(
                                new ExternalSignInRequests(externalSignIns, smart)))
                        .withObjectPostProcessor(externalSignInsOnly(new ExternalUsers(smart, oidc)))
                        .successHandler(new ExternalSignedIn(audit, new SignedIn(audit)))
                        .failureHandler(new ExternalSignInRefused()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(errors -> errors.accessDeniedHandler(expiry).authenticationEntryPoint(expiry))
                .requestCache(cache -> cache.requestCache(SessionExpiry.pageRequests()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(VIEWER),
                                new ContentSecurityPolicyHeaderWriter(PAGES_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(VIEWER,
                                new ContentSecurityPolicyHeaderWriter(VIEWER_POLICY)))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(
                                "camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /**
     * The chain's authentication manager is the form's (users and passwords); the login filter of
     * the authorization servers gets one of its own, Spring's OpenID Connect code exchange, which
     * validates the ID token and asks {@code users} who signed in.
     */
    private static ObjectPostProcessor<OAuth2LoginAuthenticationFilter> externalSignInsOnly(ExternalUsers users) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends OAuth2LoginAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationManager(new ProviderManager(new OidcAuthorizationCodeAuthenticationProvider(
                        new RestClientAuthorizationCodeTokenResponseClient(), users)));
                return filter;
            }
        };
    }
}
