package org.rispacs.dicom.service.commitment;

import java.time.Instant;
import java.util.List;

/**
 * One Storage Commitment transaction as the requestor asked for it (N-ACTION, PS3.4 J.3.2).
 *
 * @param transactionUid  the requestor's Transaction UID, which its N-EVENT-REPORT repeats
 * @param requesterAeTitle the calling AE title: where the report goes if not on the same association
 * @param ourAeTitle      the AE title it called us by, and calls it back with
 * @param references      the SOP instances to commit, in the order asked
 */
public record CommitmentRequest(String transactionUid, String requesterAeTitle, String ourAeTitle,
                                List<Reference> references, Instant receivedAt) {

    public CommitmentRequest {
        references = List.copyOf(references);
    }

    /** A referenced SOP instance. */
    public record Reference(String sopClassUid, String sopInstanceUid) {
    }
}
