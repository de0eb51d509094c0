package org.rispacs.app.interfaces;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.app.hl7.JdbcReusedControlIds;
import org.rispacs.command.delivery.ReportDestinations;
import org.springframework.stereotype.Component;

/** The interface health as of now, with the configured alert thresholds (REST, page and alert banner). */
@Component
public class InterfaceHealthReader {

    private final QueryGateway queries;
    private final InterfaceHealthProperties thresholds;
    private final JdbcReusedControlIds reusedControlIds;
    private final ReportDestinations reportDestinations;
    private final Clock clock = Clock.systemUTC();

    InterfaceHealthReader(QueryGateway queries, InterfaceHealthProperties thresholds,
                          JdbcReusedControlIds reusedControlIds, ReportDestinations reportDestinations) {
        this.queries = queries;
        this.thresholds = thresholds;
        this.reusedControlIds = reusedControlIds;
        this.reportDestinations = reportDestinations;
    }

    public InterfaceHealth now() {
        Instant now = clock.instant();
        InterfaceHealth health = queries.query(new FindInterfaceHealthQuery(now, thresholds.unackedAlertAfter(),
                        thresholds.unmatchedWindow(), thresholds.unmatchedAlertAt(), reportDestinations.names()),
                ResponseTypes.instanceOf(InterfaceHealth.class)).join();
        List<InterfaceAlert> alerts = new ArrayList<>(health.alerts());
        Instant windowStart = now.minus(thresholds.unmatchedWindow());
        for (JdbcReusedControlIds.SenderCount sender : reusedControlIds.since(windowStart)) {
            alerts.add(new InterfaceAlert(InterfaceAlert.HL7_CONTROL_ID_REUSED, sender.sender(), sender.refused(),
                    sender.refused() + " HL7 message(s) from " + sender.sender() + " refused in the last "
                            + thresholds.unmatchedWindow().toHours() + " h: control id used before for other"
                            + " content (has the sender's message counter been reset?)"));
        }
        return new InterfaceHealth(health.asOf(), health.destinations(), health.storageCommitmentReportsGivenUp(),
                health.unmatchedStudiesInWindow(), health.worklistQueries(), health.queryRetrieveRequests(),
                List.copyOf(alerts),
                health.proceduresCompletedByStableStudy(), health.fhirNotifications());
    }
}
