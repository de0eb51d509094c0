package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A storage commitment report given up earlier has now reached its requester (sent again). */
public record RecordStorageCommitmentReportDeliveredCommand(
        @TargetAggregateIdentifier String transactionUid,
        int attempts) {
}
