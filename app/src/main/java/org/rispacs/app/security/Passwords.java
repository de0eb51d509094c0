package org.rispacs.app.security;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed and checked (also without a web server, for the account bootstrap). */
@Configuration
class Passwords {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt, with the algorithm's id stored beside each hash so that it can be changed later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(AccountUserDetailsService users, PasswordEncoder encoder,
                                                LoginThrottle throttle, SecurityAudit audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(new RememberedPasswordMatches(encoder, Clock.systemUTC()));
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, audit));
    }
}
