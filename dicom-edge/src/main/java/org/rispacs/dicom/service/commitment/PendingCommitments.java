package org.rispacs.dicom.service.commitment;

import java.util.List;

/**
 * Transactions accepted (N-ACTION-RSP sent) whose N-EVENT-REPORT has not been delivered: kept
 * durably, so that a restart in between still ends with the report the requestor waits for.
 */
public interface PendingCommitments {

    /** Keeps a new transaction before it is acknowledged; false if one with its Transaction UID is pending. */
    boolean add(CommitmentRequest request);

    /** The verified outcome, so that the report is not recomputed after a restart. */
    void verified(String transactionUid, CommitmentResult result);

    /** One more delivery attempt failed. */
    void attemptFailed(String transactionUid);

    /** The report was delivered (or given up): the transaction is finished. */
    void finished(String transactionUid);

    /** Every transaction not finished, oldest first. */
    List<Pending> all();

    /** A pending transaction; {@code result} null while it is not verified. */
    record Pending(CommitmentRequest request, CommitmentResult result, int failedAttempts) {
    }
}
