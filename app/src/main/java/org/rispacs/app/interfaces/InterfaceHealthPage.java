package org.rispacs.app.interfaces;

import java.util.Map;
import java.util.TreeMap;
import org.rispacs.app.web.WebPage;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Interface health: listeners and stores (actuator), report deliveries per destination, unmatched studies, alerts. */
@Controller
class InterfaceHealthPage implements WebPage {

    private final InterfaceHealthReader reader;
    private final InterfaceHealthProperties thresholds;
    private final HealthEndpoint healthEndpoint;

    InterfaceHealthPage(InterfaceHealthReader reader, InterfaceHealthProperties thresholds,
                        HealthEndpoint healthEndpoint) {
        this.reader = reader;
        this.thresholds = thresholds;
        this.healthEndpoint = healthEndpoint;
    }

    @GetMapping("/interfaces")
    String health(Model model) {
        model.addAttribute("health", reader.now());
        model.addAttribute("thresholds", thresholds);
        Map<String, String> components = new TreeMap<>();
        HealthComponent overall = healthEndpoint.health();
        if (overall instanceof CompositeHealth composite) {
            composite.getComponents().forEach((name, component) -> components.put(name,
                    component.getStatus().getCode()));
        }
        model.addAttribute("overall", overall.getStatus().getCode());
        model.addAttribute("components", components);
        return "interfaces/health";
    }
}
