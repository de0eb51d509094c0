package org.rispacs.api.interfaces;

import java.time.Instant;
import java.util.List;

/** Outbound deliveries per destination, recent unmatched studies, and the alerts they raise. */
public record InterfaceHealth(
        Instant asOf,
        List<DestinationHealth> destinations,
        long unmatchedStudiesInWindow,
        List<InterfaceAlert> alerts) {
}
