package org.rispacs.app.interfaces;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.hl7.JdbcReusedControlIds;
import org.springframework.stereotype.Component;

/** The interface health as of now, with the configured alert thresholds (REST, page and alert banner). */
@Component
public class InterfaceHealthReader {

    private final QueryGateway queries;
    private final InterfaceHealthProperties thresholds;
    private final JdbcReusedControlIds reusedControlIds;
    private final Clock clock = Clock.systemUTC();
    /** Counted up to this many; the alert says "at least" by being there at all. */
    private static final int UNSCHEDULED_COUNTED = 1000;

    InterfaceHealthReader(QueryGateway queries, InterfaceHealthProperties thresholds,
                          JdbcReusedControlIds reusedControlIds) {
        this.queries = queries;
        this.thresholds = thresholds;
        this.reusedControlIds = reusedControlIds;
    }

    /**
     * Orders placed but on no modality worklist: their placer gave no requested start, so the
     * patient may arrive at a scanner whose worklist is empty. One alert per modality.
     */
    private List<InterfaceAlert> unscheduledOrders() {
        List<ModalityWorklistItem> placed = queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null,
                        null, null, null, null, null, null, null, null, null, "PLACED"), UNSCHEDULED_COUNTED),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join();
        Map<String, Long> byModality = placed.stream().collect(Collectors.groupingBy(
                item -> Objects.toString(item.modality(), "?"), TreeMap::new, Collectors.counting()));
        return byModality.entrySet().stream().map(modality -> new InterfaceAlert(
                InterfaceAlert.ORDERS_NOT_SCHEDULED, modality.getKey(), modality.getValue(), modality.getValue()
                        + " " + modality.getKey() + " order(s) placed without a requested start are on no modality"
                        + " worklist: schedule them (Scheduling), or have the placer send TQ1-7 / ORC-7.4"))
                .toList();
    }

    public InterfaceHealth now() {
        Instant now = clock.instant();
        InterfaceHealth health = queries.query(new FindInterfaceHealthQuery(now, thresholds.unackedAlertAfter(),
                        thresholds.unmatchedWindow(), thresholds.unmatchedAlertAt()),
                ResponseTypes.instanceOf(InterfaceHealth.class)).join();
        List<InterfaceAlert> alerts = new ArrayList<>(health.alerts());
        Instant windowStart = now.minus(thresholds.unmatchedWindow());
        for (JdbcReusedControlIds.SenderCount sender : reusedControlIds.since(windowStart)) {
            alerts.add(new InterfaceAlert(InterfaceAlert.HL7_CONTROL_ID_REUSED, sender.sender(), sender.refused(),
                    sender.refused() + " HL7 message(s) from " + sender.sender() + " refused in the last "
                            + thresholds.unmatchedWindow().toHours() + " h: control id used before for other"
                            + " content (has the sender's message counter been reset?)"));
        }
        alerts.addAll(unscheduledOrders());
        return new InterfaceHealth(health.asOf(), health.destinations(), health.storageCommitmentReportsGivenUp(),
                health.unmatchedStudiesInWindow(), health.worklistQueries(), List.copyOf(alerts));
    }
}
