package org.rispacs.api.delivery;

import org.axonframework.serialization.Revision;

/** A storage commitment report that had been given up was sent again and reached its requester. */
@Revision("1")
public record StorageCommitmentReportDeliveredEvent(
        String transactionUid,
        String requesterAeTitle,
        int attempts) {
}
