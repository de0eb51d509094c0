package org.rispacs.api.interfaces;

import java.time.Instant;
import java.util.List;

/**
 * Outbound HL7 deliveries per destination, storage commitment reports given up per requester (AE
 * title; only their failures are tracked), recent unmatched studies, the modality worklist
 * queries served per station and modality, the Query/Retrieve requests answered per calling AE
 * title and kind, and the alerts they raise; for information, the
 * procedures completed by a stable study (no MPPS started them, no instance arrived for the
 * configured time: {@code ris.workflow.study-stable-after}).
 *
 * @param fhirNotifications FHIR subscription notifications (rest-hook) per subscription, its id as the
 *                          destination; apart from {@code destinations}, which are HL7's
 */
public record InterfaceHealth(
        Instant asOf,
        List<DestinationHealth> destinations,
        List<DestinationHealth> storageCommitmentReportsGivenUp,
        long unmatchedStudiesInWindow,
        List<WorklistQueries> worklistQueries,
        List<QueryRetrieveRequests> queryRetrieveRequests,
        List<InterfaceAlert> alerts,
        long proceduresCompletedByStableStudy,
        List<DestinationHealth> fhirNotifications) {
}
