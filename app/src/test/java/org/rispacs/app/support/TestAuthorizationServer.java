package org.rispacs.app.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * An EHR's authorization server for the tests: Spring Authorization Server on a loopback port, in
 * a context of its own beside the application's. It signs its users in with a form, issues ID
 * tokens naming the user ({@code fhirUser}, and {@code roles} for the OpenID Connect sign-in),
 * serves the EHR's {@code /fhir/.well-known/smart-configuration}, adds the context of a launch it
 * created ({@link #launch}) to the token response, and keeps every authorization request it got. Its
 * service clients ({@link #registerServiceClient}) get access tokens with the claims they were registered with.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    /** The EHR user every test signs in as, with its password. */
    public static final String USER = "dr-ehr";
    public static final String PASSWORD = "ehr-password-1";
    /** Another user (same password), who holds only {@value #CLERK_ROLE} in the {@code roles} claim. */
    public static final String CLERK = "ward-clerk";
    public static final String CLERK_ROLE = "ward-clerks";

    private final State state;
    private final ConfigurableApplicationContext context;

    private TestAuthorizationServer(State state, ConfigurableApplicationContext context) {
        this.state = state;
        this.context = context;
    }

    /** Started on a free loopback port; its user {@value #USER} holds these values of the {@code roles} claim. */
    public static TestAuthorizationServer start(List<String> roles) {
        int port = FreePort.next();
        State state = new State("http://127.0.0.1:" + port, roles);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Server.class)
                .initializers(started -> started.getBeanFactory().registerSingleton("ehrState", state))
                // not the application's settings; a cookie of its own beside the application's on the same host
                .properties("spring.config.name=test-authorization-server", "server.port=" + port,
                        "server.address=127.0.0.1", "server.servlet.session.cookie.name=EHR_SESSION",
                        "spring.main.banner-mode=off")
                .run();
        return new TestAuthorizationServer(state, context);
    }

    public String issuer() {
        return state.issuer;
    }

    /** The EHR's FHIR base: what its launches name as {@code iss}. */
    public String fhirBase() {
        return state.issuer + "/fhir";
    }

    /** A client of this server with the redirect URI of the application's login filter for that registration. */
    public void registerClient(String clientId, String secret, String redirectUri, Set<String> scopes) {
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri(redirectUri)
                .scopes(all -> all.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(secret == null)
                        .requireAuthorizationConsent(false).build());
        if (secret == null) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            client.clientSecret("{noop}" + secret).clientAuthenticationMethod(
                    ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        state.clients.save(client.build());
    }

    /**
     * A client of this server that gets access tokens for itself (client credentials), each holding these
     * claims besides the usual ones (e.g. {@code aud}, {@code patient}, or {@code exp} in the past).
     */
    public void registerServiceClient(String clientId, String secret, Set<String> scopes,
                                      Map<String, Object> accessTokenClaims) {
        state.clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scopes(all -> all.addAll(scopes))
                .build());
        state.accessTokenClaims.put(clientId, Map.copyOf(accessTokenClaims));
    }

    /** An access token from the token endpoint for a client of {@link #registerServiceClient}, with these scopes. */
    public String clientCredentialsToken(String clientId, String secret, String scope) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(state.issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8))).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("no token for " + clientId + ": " + answer.statusCode() + " "
                        + answer.body());
            }
            return new ObjectMapper().readTree(answer.body()).path("access_token").asText();
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException("the token endpoint did not answer", failed);
        }
    }

    /** A launch of the app with this context (patient, imagingstudy, ...): its opaque launch id. */
    public String launch(Map<String, Object> launchContext) {
        String id = UUID.randomUUID().toString();
        state.launches.put(id, Map.copyOf(launchContext));
        return id;
    }

    /** The parameters of every authorization request received, in order. */
    public List<Map<String, String>> authorizationRequests() {
        return List.copyOf(state.authorizationRequests);
    }

    @Override
    public void close() {
        context.close();
    }

    /** What the tests and the server share. */
    static final class State {
        private final String issuer;
        private final List<String> roles;
        private final InMemoryRegisteredClientRepository clients;
        private final Map<String, Map<String, Object>> launches = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Object>> accessTokenClaims = new ConcurrentHashMap<>();
        private final List<Map<String, String>> authorizationRequests = new CopyOnWriteArrayList<>();

        State(String issuer, List<String> roles) {
            this.issuer = issuer;
            this.roles = List.copyOf(roles);
            // the repository wants one client at the start; this one is never used
            this.clients = new InMemoryRegisteredClientRepository(RegisteredClient.withId("unused")
                    .clientId("unused").clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("http://127.0.0.1/unused").build());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class Server {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationEndpoints(HttpSecurity http, State state,
                                                   OAuth2AuthorizationService authorizations) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            OAuth2AccessTokenResponseAuthenticationSuccessHandler tokens =
                    new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
            tokens.setAccessTokenResponseCustomizer(answer -> addLaunchContext(answer, state, authorizations));
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, endpoints -> endpoints.oidc(Customizer.withDefaults())
                            .tokenEndpoint(token -> token.accessTokenResponseHandler(tokens)))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(userInfo -> userInfo.jwt(Customizer.withDefaults()))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(
                            new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/fhir/.well-known/smart-configuration").permitAll()
                            .anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(USER).password("{noop}" + PASSWORD).roles("CLINICIAN").build(),
                    User.withUsername(CLERK).password("{noop}" + PASSWORD).roles("CLERK").build());
        }

        @Bean
        RegisteredClientRepository clients(State state) {
            return state.clients;
        }

        @Bean
        OAuth2AuthorizationService authorizations() {
            return new InMemoryOAuth2AuthorizationService();
        }

        @Bean
        AuthorizationServerSettings settings(State state) {
            return AuthorizationServerSettings.builder().issuer(state.issuer).build();
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder userInfoTokens(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokens(State state) {
            return token -> {
                if (OidcParameterNames.ID_TOKEN.equals(token.getTokenType().getValue())) {
                    token.getClaims().claim("fhirUser", "Practitioner/" + token.getPrincipal().getName())
                            .claim("preferred_username", token.getPrincipal().getName())
                            .claim("roles", USER.equals(token.getPrincipal().getName()) ? state.roles
                                    : List.of(CLERK_ROLE));
                } else if (OAuth2TokenType.ACCESS_TOKEN.equals(token.getTokenType())) {
                    state.accessTokenClaims.getOrDefault(token.getRegisteredClient().getClientId(), Map.of())
                            .forEach(token.getClaims()::claim);
                }
            };
        }

        @Bean
        RouterFunction<ServerResponse> smartConfiguration(State state) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("issuer", state.issuer);
            configuration.put("authorization_endpoint", state.issuer + "/oauth2/authorize");
            configuration.put("token_endpoint", state.issuer + "/oauth2/token");
            configuration.put("jwks_uri", state.issuer + "/oauth2/jwks");
            configuration.put("grant_types_supported", List.of("authorization_code"));
            configuration.put("code_challenge_methods_supported", List.of("S256"));
            configuration.put("capabilities", List.of("launch-ehr", "client-public", "client-confidential-symmetric",
                    "context-ehr-patient", "sso-openid-connect", "permission-patient"));
            return RouterFunctions.route().GET("/fhir/.well-known/smart-configuration",
                    request -> ServerResponse.ok().body(configuration)).build();
        }

        @Bean
        FilterRegistrationBean<Filter> keepAuthorizationRequests(State state) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                if (http.getRequestURI().equals("/oauth2/authorize")) {
                    Map<String, String> parameters = new HashMap<>();
                    http.getParameterMap().forEach((name, values) -> parameters.put(name, values[0]));
                    state.authorizationRequests.add(parameters);
                }
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** The launch named in the authorization request, as the token response's extra parameters. */
        private static void addLaunchContext(OAuth2AccessTokenAuthenticationContext answer, State state,
                                             OAuth2AuthorizationService authorizations) {
            OAuth2AccessTokenAuthenticationToken issued = answer.getAuthentication();
            OAuth2Authorization authorization = authorizations.findByToken(
                    issued.getAccessToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
            OAuth2AuthorizationRequest asked = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
            // a client's token for itself (client credentials) answers no authorization request
            Object launch = asked == null ? null : asked.getAdditionalParameters().get("launch");
            Map<String, Object> parameters = new HashMap<>(issued.getAdditionalParameters());
            if (launch != null && state.launches.containsKey(launch.toString())) {
                parameters.putAll(state.launches.get(launch.toString()));
            }
            answer.getAccessTokenResponse().additionalParameters(parameters);
        }
    }
}
