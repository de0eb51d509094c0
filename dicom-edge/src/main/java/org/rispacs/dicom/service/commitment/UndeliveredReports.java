package org.rispacs.dicom.service.commitment;

/** Where a report given up after its last attempt is made known, before its transaction is dropped. */
@FunctionalInterface
public interface UndeliveredReports {

    /** Throws if it could not be made known: the transaction then stays pending and this is tried again. */
    void givenUp(CommitmentRequest request, CommitmentResult result, int attempts, String lastError);
}
