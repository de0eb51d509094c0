package org.rispacs.dicom.service.commitment;

/** Where a report given up after its last attempt is made known, before its transaction is set aside. */
@FunctionalInterface
public interface UndeliveredReports {

    /** Throws if it could not be made known: the transaction then stays pending and this is tried again. */
    void givenUp(CommitmentRequest request, CommitmentResult result, int attempts, String lastError);

    /** A report given up earlier was sent again and delivered; throws if that could not be made known. */
    default void deliveredAfterGivingUp(CommitmentRequest request, int attempts) {
    }
}
