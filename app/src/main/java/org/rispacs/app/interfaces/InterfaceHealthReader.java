package org.rispacs.app.interfaces;

import java.time.Clock;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.springframework.stereotype.Component;

/** The interface health as of now, with the configured alert thresholds (REST, page and alert banner). */
@Component
public class InterfaceHealthReader {

    private final QueryGateway queries;
    private final InterfaceHealthProperties thresholds;
    private final Clock clock = Clock.systemUTC();

    InterfaceHealthReader(QueryGateway queries, InterfaceHealthProperties thresholds) {
        this.queries = queries;
        this.thresholds = thresholds;
    }

    public InterfaceHealth now() {
        return queries.query(new FindInterfaceHealthQuery(clock.instant(), thresholds.unackedAlertAfter(),
                        thresholds.unmatchedWindow(), thresholds.unmatchedAlertAt()),
                ResponseTypes.instanceOf(InterfaceHealth.class)).join();
    }
}
