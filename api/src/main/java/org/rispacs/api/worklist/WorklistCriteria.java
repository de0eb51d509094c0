package org.rispacs.api.worklist;

import java.time.LocalDateTime;

/**
 * Matching keys of a worklist query, with DICOM matching semantics (PS3.4 C.2.2.2): null or
 * empty is universal matching; {@code *} and {@code ?} make a wildcard match; a backslash
 * separates alternatives; person names match case- and accent-insensitively. The scheduled
 * start is a range with open ends allowed.
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
        String status) {

    public static WorklistCriteria any() {
        return new WorklistCriteria(null, null, null, null, null, null, null, null, null, null, null);
    }
}
