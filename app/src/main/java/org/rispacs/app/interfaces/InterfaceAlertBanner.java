package org.rispacs.app.interfaces;

import java.util.List;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.app.security.CurrentUser;
import org.rispacs.app.security.Role;
import org.rispacs.app.web.WebPage;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The interface alert banner every page shows to the roles that look after interfaces. */
@ControllerAdvice(assignableTypes = WebPage.class)
class InterfaceAlertBanner {

    private final InterfaceHealthReader health;

    InterfaceAlertBanner(InterfaceHealthReader health) {
        this.health = health;
    }

    @ModelAttribute("interfaceAlerts")
    List<InterfaceAlert> interfaceAlerts(Authentication user) {
        if (!(CurrentUser.has(user, Role.ADMIN) || CurrentUser.has(user, Role.TECHNOLOGIST)
                || CurrentUser.has(user, Role.AUDITOR))) {
            return List.of();
        }
        return health.now().alerts();
    }
}
