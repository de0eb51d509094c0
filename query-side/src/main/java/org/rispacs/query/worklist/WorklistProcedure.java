package org.rispacs.query.worklist;

/** A worklist item's procedure as scheduled: the ids a modality copies into the images it makes. */
record WorklistProcedure(String status, String requestedProcedureId, String scheduledProcedureStepId,
                         String studyInstanceUid) {
}
