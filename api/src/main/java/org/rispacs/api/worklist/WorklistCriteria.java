package org.rispacs.api.worklist;

import java.time.LocalDateTime;

/**
 * Matching keys of a worklist query, with DICOM matching semantics (PS3.4 C.2.2.2): null or
 * empty is universal matching; {@code *} and {@code ?} make a wildcard match; a backslash
 * separates alternatives; person names match case- and accent-insensitively. The scheduled
 * start is a range with open ends allowed. How a value reads is {@link MatchingKeys}'.
 *
 * @param scheduledPerformingPhysicianName Scheduled Performing Physician's Name (0040,0006), a
 *                                         person name matched as the patient's name is
 */
public record WorklistCriteria(
        String patientName,
        String patientId,
        String issuerOfPatientId,
        String accessionNumber,
        String modality,
        String scheduledStationAeTitle,
        LocalDateTime scheduledStartFrom,
        LocalDateTime scheduledStartTo,
        String scheduledProcedureStepId,
        String requestedProcedureId,
        String status,
        String scheduledPerformingPhysicianName) {

    /** Criteria that leave the scheduled performing physician universal. */
    public WorklistCriteria(String patientName, String patientId, String issuerOfPatientId, String accessionNumber,
                            String modality, String scheduledStationAeTitle, LocalDateTime scheduledStartFrom,
                            LocalDateTime scheduledStartTo, String scheduledProcedureStepId,
                            String requestedProcedureId, String status) {
        this(patientName, patientId, issuerOfPatientId, accessionNumber, modality, scheduledStationAeTitle,
                scheduledStartFrom, scheduledStartTo, scheduledProcedureStepId, requestedProcedureId, status, null);
    }

    public static WorklistCriteria any() {
        return new WorklistCriteria(null, null, null, null, null, null, null, null, null, null, null);
    }
}
