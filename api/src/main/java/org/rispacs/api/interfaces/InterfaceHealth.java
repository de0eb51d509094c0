package org.rispacs.api.interfaces;

import java.time.Instant;
import java.util.List;

/**
 * Outbound deliveries per destination, recent unmatched studies, the modality worklist queries
 * served per station and modality, and the alerts they raise.
 */
public record InterfaceHealth(
        Instant asOf,
        List<DestinationHealth> destinations,
        long unmatchedStudiesInWindow,
        List<WorklistQueries> worklistQueries,
        List<InterfaceAlert> alerts) {
}
