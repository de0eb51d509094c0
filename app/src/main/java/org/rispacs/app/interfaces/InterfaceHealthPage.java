package org.rispacs.app.interfaces;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rispacs.app.web.WebPage;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
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

    /** A listener's or store's state, and what it reports about itself (port, AE title, ...). */
    public record Component(String status, String details) {
    }

    @GetMapping("/interfaces")
    String health(Model model) {
        model.addAttribute("health", reader.now());
        model.addAttribute("thresholds", thresholds);
        Map<String, Component> components = new TreeMap<>();
        HealthComponent overall = healthEndpoint.health();
        if (overall instanceof CompositeHealth composite) {
            composite.getComponents().forEach((name, component) -> components.put(name, new Component(
                    component.getStatus().getCode(), component instanceof Health health
                    ? details(health.getDetails()) : "")));
        }
        model.addAttribute("overall", overall.getStatus().getCode());
        model.addAttribute("components", components);
        model.addAttribute("down", components.entrySet().stream()
                .filter(entry -> !"UP".equals(entry.getValue().status())).map(Map.Entry::getKey).toList());
        return "interfaces/health";
    }

    private static String details(Map<String, Object> details) {
        return details.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
