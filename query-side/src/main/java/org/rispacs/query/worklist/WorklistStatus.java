package org.rispacs.query.worklist;

/** A worklist item's status; a modality is sent the items scheduled or started. */
record WorklistStatus(String status) {

    static final WorklistStatus PLACED = new WorklistStatus("PLACED");
    static final WorklistStatus SCHEDULED = new WorklistStatus("SCHEDULED");
    static final WorklistStatus STARTED = new WorklistStatus("STARTED");
    static final WorklistStatus COMPLETED = new WorklistStatus("COMPLETED");
    static final WorklistStatus DISCONTINUED = new WorklistStatus("DISCONTINUED");
    static final WorklistStatus CANCELLED = new WorklistStatus("CANCELLED");
}
