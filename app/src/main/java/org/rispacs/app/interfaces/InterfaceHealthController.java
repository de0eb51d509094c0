package org.rispacs.app.interfaces;

import org.rispacs.api.interfaces.InterfaceHealth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/interfaces")
class InterfaceHealthController {

    private final InterfaceHealthReader health;

    InterfaceHealthController(InterfaceHealthReader health) {
        this.health = health;
    }

    /** Report deliveries per destination (pending, delivered, failed, attempts, last error) and open alerts. */
    @GetMapping("/health")
    InterfaceHealth health() {
        return health.now();
    }
}
