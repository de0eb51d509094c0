package org.rispacs.app.worklist;

import java.time.Clock;
import org.rispacs.command.order.SchedulingRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    /** Scheduled starts are local times of this machine's zone, as the pages and HL7 feeds write them. */
    @Bean
    SchedulingRules schedulingRules(SchedulingProperties properties) {
        return SchedulingRules.of(Clock.systemDefaultZone(), properties.pastTolerance(),
                properties.stationModalities());
    }
}
