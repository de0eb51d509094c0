package org.rispacs.api.procedurestep;

/**
 * A scheduled step a modality says it performs (an item of the MPPS Scheduled Step Attributes
 * Sequence), as sent: any of the values may be absent.
 */
public record ScheduledStepReference(
        String accessionNumber,
        String studyInstanceUid,
        String requestedProcedureId,
        String scheduledProcedureStepId) {
}
