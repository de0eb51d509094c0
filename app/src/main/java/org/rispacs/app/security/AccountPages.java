package org.rispacs.app.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.rispacs.api.security.UserPasswordChangedEvent;
import org.rispacs.app.web.WebPage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in and the user's own password. */
@Controller
class AccountPages implements WebPage {

    private final UserAccounts accounts;
    private final SecurityAudit audit;
    private final ExternalSignIns externalSignIns;

    AccountPages(UserAccounts accounts, SecurityAudit audit, ExternalSignIns externalSignIns) {
        this.accounts = accounts;
        this.audit = audit;
        this.externalSignIns = externalSignIns;
    }

    @GetMapping("/login")
    String login(Model model) {
        externalSignIns.oidcDisplayName().ifPresent(name -> {
            model.addAttribute("oidcName", name);
            model.addAttribute("oidcStart", ExternalSignInRequests.OIDC_START);
        });
        return "login";
    }

    @GetMapping("/account/password")
    String passwordForm(Authentication user, Model model) {
        model.addAttribute("required", CurrentUser.mustChangePassword(user));
        return "account/password";
    }

    /** After a change the user signs in again with the new password, which also renews the session. */
    @PostMapping("/account/password")
    String changePassword(Authentication user, @RequestParam String currentPassword,
                          @RequestParam String newPassword, @RequestParam String confirmation,
                          HttpServletRequest request, Model model) throws ServletException {
        model.addAttribute("required", CurrentUser.mustChangePassword(user));
        String problem = null;
        if (!accounts.matches(user.getName(), currentPassword)) {
            problem = "The current password is not correct.";
        } else if (!newPassword.equals(confirmation)) {
            problem = "The new password and its confirmation differ.";
        } else if (newPassword.equals(currentPassword)) {
            problem = "Choose a password different from the current one.";
        } else if (newPassword.length() < UserAccounts.MIN_PASSWORD_LENGTH) {
            problem = "A password has at least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters.";
        }
        if (problem != null) {
            model.addAttribute("problem", problem);
            return "account/password";
        }
        accounts.changePassword(user.getName(), newPassword);
        audit.record(new UserPasswordChangedEvent(user.getName()), user.getName());
        request.logout();
        return "redirect:/login?passwordChanged";
    }
}
