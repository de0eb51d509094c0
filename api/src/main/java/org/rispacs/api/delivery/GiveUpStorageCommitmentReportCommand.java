package org.rispacs.api.delivery;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The DICOM edge could not deliver a storage commitment transaction's N-EVENT-REPORT to its
 * requester within the configured attempts, and stops trying.
 *
 * @param committed how many of the references the report would have listed as committed
 * @param failed    how many it would have listed as failed
 */
public record GiveUpStorageCommitmentReportCommand(
        @TargetAggregateIdentifier String transactionUid,
        String requesterAeTitle,
        int committed,
        int failed,
        int attempts,
        String lastError) {
}
