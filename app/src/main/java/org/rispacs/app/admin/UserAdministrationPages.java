package org.rispacs.app.admin;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rispacs.api.security.UserAccountCreatedEvent;
import org.rispacs.api.security.UserAccountEnabledChangedEvent;
import org.rispacs.api.security.UserPasswordResetEvent;
import org.rispacs.api.security.UserRolesChangedEvent;
import org.rispacs.app.security.LoginThrottle;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.SecurityAudit;
import org.rispacs.app.security.UserAccount;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.web.DisplayTimes;
import org.rispacs.app.web.WebPage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users and roles. A new account, and an account whose password an administrator resets, gets a
 * temporary password that its user must change at first sign-in; the reset also lifts a lockout
 * after failed sign-ins. Every change is recorded as a security event, by the administrator.
 */
@Controller
class UserAdministrationPages implements WebPage {

    private final UserAccounts accounts;
    private final DisplayTimes times;
    private final LoginThrottle throttle;
    private final SecurityAudit audit;

    UserAdministrationPages(UserAccounts accounts, LoginThrottle throttle, SecurityAudit audit, DisplayTimes times) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
        this.times = times;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        List<UserAccount> users = accounts.all();
        Map<String, String> lockouts = new LinkedHashMap<>();
        users.forEach(user -> throttle.lockout(user.username()).ifPresent(lockout ->
                lockouts.put(user.username(), "locked out until " + times.format(lockout.until()) + " after "
                        + lockout.failures() + " failed sign-ins from " + lockout.address()
                        + "; a password reset unlocks")));
        model.addAttribute("users", users);
        model.addAttribute("lockouts", lockouts);
        model.addAttribute("roles", Role.values());
        model.addAttribute("usernameRule", UserAccounts.USERNAME_RULE);
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String displayName,
                  @RequestParam(required = false) List<Role> roles, @RequestParam String temporaryPassword,
                  Authentication admin, RedirectAttributes redirect) {
        String name = username.strip();
        Set<Role> chosen = roles(roles);
        try {
            boolean created = accounts.createIfAbsent(name, displayName.strip(), temporaryPassword, chosen, true);
            if (created) {
                audit.record(new UserAccountCreatedEvent(name, displayName.strip(), names(chosen), true),
                        admin.getName());
            }
            redirect.addFlashAttribute(created ? "done" : "problem", created
                    ? "User " + name + " created; they must change the password at first sign-in."
                    : "A user " + name + " exists already.");
        } catch (IllegalArgumentException invalid) {
            redirect.addFlashAttribute("problem", invalid.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/roles")
    String roles(@PathVariable String username, @RequestParam(required = false) List<Role> roles,
                 Authentication admin, RedirectAttributes redirect) {
        Set<Role> chosen = roles(roles);
        Optional<UserAccount> account = accounts.find(username);
        if (account.isEmpty()) {
            redirect.addFlashAttribute("problem", "There is no user " + username + ".");
        } else if (username.equals(admin.getName()) && !chosen.contains(Role.ADMIN)) {
            redirect.addFlashAttribute("problem", "You cannot take the administrator role from yourself.");
        } else {
            try {
                accounts.setRoles(username, chosen);
                if (!chosen.equals(account.get().roles())) {
                    audit.record(new UserRolesChangedEvent(username, names(account.get().roles()), names(chosen)),
                            admin.getName());
                }
                redirect.addFlashAttribute("done", "Roles of " + username + " are now " + chosen + ".");
            } catch (IllegalArgumentException invalid) {
                redirect.addFlashAttribute("problem", invalid.getMessage());
            }
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/enabled")
    String enabled(@PathVariable String username, @RequestParam boolean enabled, Authentication admin,
                   RedirectAttributes redirect) {
        if (username.equals(admin.getName()) && !enabled) {
            redirect.addFlashAttribute("problem", "You cannot disable yourself.");
        } else {
            accounts.setEnabled(username, enabled);
            audit.record(new UserAccountEnabledChangedEvent(username, enabled), admin.getName());
            redirect.addFlashAttribute("done", username + (enabled ? " enabled." : " disabled."));
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/password")
    String resetPassword(@PathVariable String username, @RequestParam String temporaryPassword,
                         Authentication admin, RedirectAttributes redirect) {
        if (accounts.find(username).isEmpty()) {
            redirect.addFlashAttribute("problem", "There is no user " + username + ".");
            return "redirect:/admin/users";
        }
        try {
            accounts.resetPassword(username, temporaryPassword, true);
            boolean wasLockedOut = throttle.lockout(username).isPresent();
            throttle.unlock(username);
            audit.record(new UserPasswordResetEvent(username, wasLockedOut), admin.getName());
            redirect.addFlashAttribute("done", "Password of " + username + " reset; it must be changed at sign-in."
                    + (wasLockedOut ? " The lockout after failed sign-ins is lifted." : ""));
        } catch (IllegalArgumentException invalid) {
            redirect.addFlashAttribute("problem", invalid.getMessage());
        }
        return "redirect:/admin/users";
    }

    private static Set<Role> roles(List<Role> roles) {
        return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }
}
