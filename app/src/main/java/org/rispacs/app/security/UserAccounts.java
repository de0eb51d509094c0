package org.rispacs.app.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The user accounts in PostgreSQL (tables of migration V9). */
@Component
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    /** The rule of {@link #USERNAME} in words, for the form and its refusal. */
    public static final String USERNAME_RULE = "2 to 64 characters: lower-case letters, digits, '.', '_' or '-', "
            + "starting with a letter or digit";
    static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public List<UserAccount> all() {
        Map<String, UserAccount> accounts = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM user_account ORDER BY username",
                (ResultSet row) -> {
                    UserAccount account = account(row, roles(row.getString("username")));
                    accounts.put(account.username(), account);
                });
        return List.copyOf(accounts.values());
    }

    public Optional<UserAccount> find(String username) {
        return jdbc.query("SELECT * FROM user_account WHERE username = ?",
                (row, n) -> account(row, roles(username)), username).stream().findFirst();
    }

    Optional<String> passwordHash(String username) {
        return jdbc.queryForList("SELECT password_hash FROM user_account WHERE username = ?", String.class, username)
                .stream().findFirst();
    }

    /** Creates the account unless one of that name exists; answers whether it did. */
    @Transactional
    public boolean createIfAbsent(String username, String displayName, String password, Set<Role> roles,
                                  boolean mustChangePassword) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("A user name has " + USERNAME_RULE + ".");
        }
        requireRole(roles);
        checkStrength(password);
        int inserted = jdbc.update("INSERT INTO user_account (username, display_name, password_hash, "
                        + "must_change_password) VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING",
                username, displayName, encoder.encode(password), mustChangePassword);
        if (inserted == 1) {
            setRoles(username, roles);
        }
        return inserted == 1;
    }

    /** Replaces a user's roles (at least one: an account without any could open no page at all). */
    @Transactional
    public void setRoles(String username, Set<Role> roles) {
        requireRole(roles);
        jdbc.update("DELETE FROM user_role WHERE username = ?", username);
        for (Role role : roles) {
            jdbc.update("INSERT INTO user_role (username, role) VALUES (?, ?)", username, role.name());
        }
    }

    public void setEnabled(String username, boolean enabled) {
        jdbc.update("UPDATE user_account SET enabled = ? WHERE username = ?", enabled, username);
    }

    /** A password chosen by the user: the account is no longer marked for a change. */
    public void changePassword(String username, String newPassword) {
        checkStrength(newPassword);
        jdbc.update("UPDATE user_account SET password_hash = ?, must_change_password = FALSE, "
                + "password_changed_at = now() WHERE username = ?", encoder.encode(newPassword), username);
    }

    /** A password set by an administrator (or configuration): the user must replace it at next login. */
    public void resetPassword(String username, String temporaryPassword, boolean mustChange) {
        checkStrength(temporaryPassword);
        jdbc.update("UPDATE user_account SET password_hash = ?, must_change_password = ?, "
                + "password_changed_at = now() WHERE username = ?", encoder.encode(temporaryPassword), mustChange,
                username);
    }

    public boolean matches(String username, String password) {
        return passwordHash(username).map(hash -> encoder.matches(password, hash)).orElse(false);
    }

    private static void requireRole(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs at least one role; to stop someone signing in, "
                    + "disable their account instead.");
        }
    }

    static void checkStrength(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private Set<Role> roles(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.queryForList("SELECT role FROM user_role WHERE username = ?", String.class, username)
                .forEach(role -> roles.add(Role.valueOf(role)));
        return roles;
    }

    private static UserAccount account(ResultSet row, Set<Role> roles) throws SQLException {
        return new UserAccount(row.getString("username"), row.getString("display_name"), roles,
                row.getBoolean("enabled"), row.getBoolean("must_change_password"),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("password_changed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
