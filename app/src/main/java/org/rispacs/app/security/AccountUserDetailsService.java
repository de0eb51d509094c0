package org.rispacs.app.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads accounts for Spring Security. An account that must change its password gets no role at
 * all, only {@link Role#PASSWORD_CHANGE_REQUIRED}: every page and endpoint but the password
 * change refuses it, whatever roles it holds.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

    private final UserAccounts accounts;

    AccountUserDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.find(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        String hash = accounts.passwordHash(username).orElseThrow();
        return User.withUsername(account.username()).password(hash).disabled(!account.enabled())
                .authorities(authorities(account)).build();
    }

    static List<GrantedAuthority> authorities(UserAccount account) {
        if (account.mustChangePassword()) {
            return List.of(new SimpleGrantedAuthority(Role.PASSWORD_CHANGE_REQUIRED));
        }
        return account.roles().stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
    }
}
