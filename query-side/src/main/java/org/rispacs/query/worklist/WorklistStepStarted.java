package org.rispacs.query.worklist;

/** A worklist item whose step a modality started (MPPS in progress). */
record WorklistStepStarted(String status, String performedProcedureStepUid) {

    static WorklistStepStarted of(String performedStepUid) {
        return new WorklistStepStarted(WorklistStatus.STARTED.status(), performedStepUid);
    }
}
