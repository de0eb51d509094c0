package org.rispacs.app.web;

import java.util.List;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.app.interfaces.InterfaceHealthReader;
import org.rispacs.app.security.CurrentUser;
import org.rispacs.app.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows: the interface alert banner, for the roles that look after interfaces. */
@ControllerAdvice(assignableTypes = WebPage.class)
class PageModel {

    private final InterfaceHealthReader health;

    PageModel(InterfaceHealthReader health) {
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
