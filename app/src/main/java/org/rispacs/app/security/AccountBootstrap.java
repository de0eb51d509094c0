package org.rispacs.app.security;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rispacs.api.security.UserAccountCreatedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * No default password: on the first start (no {@code admin} account yet) the administrator gets a
 * one-time password, from {@code ris.admin-initial-password} (env {@code RIS_ADMIN_INITIAL_PASSWORD})
 * or else generated and printed once to the log, which must be changed at first sign-in. Several
 * instances starting together create the account once: only the one that inserted it logs.
 */
@Component
class AccountBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts accounts;
    private final SecurityProperties properties;
    private final SecurityAudit audit;
    private final String initialAdminPassword;
    private final SecureRandom random = new SecureRandom();

    AccountBootstrap(UserAccounts accounts, SecurityProperties properties, SecurityAudit audit,
                     @Value("${ris.admin-initial-password:}") String initialAdminPassword) {
        this.accounts = accounts;
        this.properties = properties;
        this.audit = audit;
        this.initialAdminPassword = initialAdminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean given = !initialAdminPassword.isBlank();
        String password = given ? initialAdminPassword : generated();
        if (accounts.createIfAbsent(ADMIN, "Administrator", password, EnumSet.of(Role.ADMIN), true)) {
            created(ADMIN, "Administrator", EnumSet.of(Role.ADMIN), true);
            if (given) {
                LOG.warn("Created user 'admin' with the password from ris.admin-initial-password; "
                        + "it must be changed at first sign-in");
            } else {
                LOG.warn("Created user 'admin' with the one-time password {} (shown only now); "
                        + "it must be changed at first sign-in", password);
            }
        }
        String integrationUser = properties.integrationUser();
        if (integrationUser != null && !integrationUser.isBlank()) {
            if (accounts.createIfAbsent(integrationUser, "Integration " + integrationUser,
                    properties.integrationPassword(), properties.integrationRoles(), false)) {
                created(integrationUser, "Integration " + integrationUser, properties.integrationRoles(), false);
            } else {
                accounts.resetPassword(integrationUser, properties.integrationPassword(), false);
                accounts.setRoles(integrationUser, properties.integrationRoles());
            }
        }
    }

    private void created(String username, String displayName, Set<Role> roles, boolean mustChangePassword) {
        List<String> names = roles.stream().map(Role::name).sorted().toList();
        audit.record(new UserAccountCreatedEvent(username, displayName, names, mustChangePassword), "ris-pacs");
    }

    private String generated() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
