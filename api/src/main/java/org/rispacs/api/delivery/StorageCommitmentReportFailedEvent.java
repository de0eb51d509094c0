package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

/** A storage commitment report (N-EVENT-REPORT) never reached its requester: the requester was not told. */
@Revision("1")
public record StorageCommitmentReportFailedEvent(
        String transactionUid,
        String requesterAeTitle,
        int committed,
        int failed,
        int attempts,
        String lastError) {
}
