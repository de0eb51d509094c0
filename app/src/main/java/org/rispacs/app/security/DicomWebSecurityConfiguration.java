package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * DICOMweb ({@code /dicomweb/**}) signs in two ways: the viewer's requests carry the session of
 * the web sign-in (no second login), and other DICOMweb peers (a PACS, a workstation, a script)
 * send HTTP Basic with each request and get no session. A session-borne request that changes
 * something needs the CSRF token like any page's form; a Basic one cannot be forged by a page and
 * needs none. Reading is for radiologists and technologists (quality control); storing (STOW-RS)
 * for technologists and administrators.
 */
@Configuration
@ConditionalOnWebApplication
class DicomWebSecurityConfiguration {

    private static final String REALM = "ris-pacs dicomweb";

    @Bean
    @Order(0)
    SecurityFilterChain dicomWeb(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        http.securityMatcher("/dicomweb/**")
                .authorizeHttpRequests(paths -> paths
                        .requestMatchers(HttpMethod.POST, "/dicomweb/studies", "/dicomweb/studies/*")
                        .hasAnyRole(Role.TECHNOLOGIST.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/dicomweb/**")
                        .hasAnyRole(Role.RADIOLOGIST.name(), Role.TECHNOLOGIST.name(), Role.ADMIN.name())
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(new ApiAuthenticationEntryPoint(REALM)))
                .authenticationManager(authentication)
                // an existing session (the web sign-in) is used; Basic sign-ins never create one
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(sessionBorneChange()));
        return http.build();
    }

    private static RequestMatcher sessionBorneChange() {
        return (HttpServletRequest request) -> {
            String method = request.getMethod();
            boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
            return !safe && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        };
    }
}
