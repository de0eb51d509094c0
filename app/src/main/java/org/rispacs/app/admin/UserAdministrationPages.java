package org.rispacs.app.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
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
 * temporary password that its user must change at first sign-in.
 */
@Controller
class UserAdministrationPages implements WebPage {

    private final UserAccounts accounts;

    UserAdministrationPages(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.all());
        model.addAttribute("roles", Role.values());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String displayName,
                  @RequestParam(required = false) List<Role> roles, @RequestParam String temporaryPassword,
                  RedirectAttributes redirect) {
        try {
            boolean created = accounts.createIfAbsent(username.strip(), displayName.strip(), temporaryPassword,
                    roles(roles), true);
            redirect.addFlashAttribute(created ? "done" : "problem", created
                    ? "User " + username + " created; they must change the password at first sign-in."
                    : "A user " + username + " exists already.");
        } catch (IllegalArgumentException invalid) {
            redirect.addFlashAttribute("problem", invalid.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/roles")
    String roles(@PathVariable String username, @RequestParam(required = false) List<Role> roles,
                 Authentication admin, RedirectAttributes redirect) {
        Set<Role> chosen = roles(roles);
        if (username.equals(admin.getName()) && !chosen.contains(Role.ADMIN)) {
            redirect.addFlashAttribute("problem", "You cannot take the administrator role from yourself.");
        } else {
            accounts.setRoles(username, chosen);
            redirect.addFlashAttribute("done", "Roles of " + username + " are now " + chosen + ".");
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
            redirect.addFlashAttribute("done", username + (enabled ? " enabled." : " disabled."));
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/password")
    String resetPassword(@PathVariable String username, @RequestParam String temporaryPassword,
                         RedirectAttributes redirect) {
        try {
            accounts.resetPassword(username, temporaryPassword, true);
            redirect.addFlashAttribute("done", "Password of " + username + " reset; it must be changed at sign-in.");
        } catch (IllegalArgumentException invalid) {
            redirect.addFlashAttribute("problem", invalid.getMessage());
        }
        return "redirect:/admin/users";
    }

    private static Set<Role> roles(List<Role> roles) {
        return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }
}
