package org.rispacs.app.interfaces;

import java.time.Clock;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/interfaces")
class InterfaceHealthController {

    private final QueryGateway queries;
    private final InterfaceHealthProperties thresholds;
    private final Clock clock = Clock.systemUTC();

    InterfaceHealthController(QueryGateway queries, InterfaceHealthProperties thresholds) {
        this.queries = queries;
        this.thresholds = thresholds;
    }

    /** Report deliveries per destination (pending, delivered, failed, attempts, last error) and open alerts. */
    @GetMapping("/health")
    InterfaceHealth health() {
        return queries.query(new FindInterfaceHealthQuery(clock.instant(), thresholds.unackedAlertAfter(),
                        thresholds.unmatchedWindow(), thresholds.unmatchedAlertAt()),
                ResponseTypes.instanceOf(InterfaceHealth.class)).join();
    }
}
