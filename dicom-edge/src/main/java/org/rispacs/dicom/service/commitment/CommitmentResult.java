package org.rispacs.dicom.service.commitment;

import java.util.List;

/** What the archive commits to keep, and what it cannot with the reason (PS3.4 J.3.2.1.3.1). */
public record CommitmentResult(List<CommitmentRequest.Reference> committed, List<Failure> failed) {

    /** The referenced instance is not stored, or not as it was recorded. */
    public static final int PROCESSING_FAILURE = 0x0110;
    /** No instance with this SOP Instance UID was stored. */
    public static final int NO_SUCH_OBJECT_INSTANCE = 0x0112;
    public static final int RESOURCE_LIMITATION = 0x0213;
    public static final int REFERENCED_SOP_CLASS_NOT_SUPPORTED = 0x0122;
    /** The instance is stored with another SOP class than the request names. */
    public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
    public static final int DUPLICATE_TRANSACTION_UID = 0x0131;

    public CommitmentResult {
        committed = List.copyOf(committed);
        failed = List.copyOf(failed);
    }

    public record Failure(CommitmentRequest.Reference reference, int reason) {
    }

    /** Event Type ID of the report: 1 when everything is committed, 2 when some failed. */
    public int eventTypeId() {
        return failed.isEmpty() ? 1 : 2;
    }
}
