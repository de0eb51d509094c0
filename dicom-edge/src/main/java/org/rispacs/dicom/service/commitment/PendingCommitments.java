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

    /** The report was delivered: the transaction is finished. */
    void finished(String transactionUid);

    /**
     * The report was given up: kept aside (not resumed at start) so that it can be sent again;
     * {@code unaddressed} when no address was configured for the requester.
     */
    void givenUp(String transactionUid, boolean unaddressed);

    /** Every transaction neither finished nor given up, oldest first (a given-up one being sent again included). */
    List<Pending> all();

    /** The given-up transactions not being sent again, oldest first. */
    List<Pending> givenUp();

    /** Takes a given-up transaction back to be sent again; false if it is not (or no longer) given up. */
    boolean resend(String transactionUid);

    /**
     * A pending transaction; {@code result} null while it is not verified; {@code givenUpBefore}
     * once its report was given up (it is then being sent again, or kept aside), {@code unaddressed}
     * when that was for want of an address.
     */
    record Pending(CommitmentRequest request, CommitmentResult result, int failedAttempts, boolean givenUpBefore,
                   boolean unaddressed) {

        public Pending(CommitmentRequest request, CommitmentResult result, int failedAttempts) {
            this(request, result, failedAttempts, false, false);
        }
    }
}
