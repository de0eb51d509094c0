package org.rispacs.command.order;

/** Hands out the identifiers a scheduled procedure needs before the modality sees it (IHE SWF). */
public interface ProcedureIdentifiers {

    Scheduled next();

    /**
     * @param requestedProcedureId     DICOM (0040,1001), SH
     * @param scheduledProcedureStepId DICOM (0040,0009), SH
     * @param studyInstanceUid         DICOM (0020,000D), pre-assigned so the modality can copy it
     */
    record Scheduled(String requestedProcedureId, String scheduledProcedureStepId, String studyInstanceUid) {
    }
}
