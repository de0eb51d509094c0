package org.rispacs.api.reading;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.order.OrderPriority;

/**
 * A study on the radiologists' reading worklist.
 *
 * @param waitingSince      when the study became ready to read (completed, linked to its order, committed)
 * @param priorStudyUids    the patient's other studies that are ready or read, newest first
 * @param assignedRadiologist nobody assigns studies yet: always null for now
 * @param additionalStudyUids studies a person linked to the order as additional ones
 * @param reviewReason      why the report must be looked at again (its study was replaced), else null
 */
public record ReadingWorklistItem(
        String orderId,
        String accessionNumber,
        String studyInstanceUid,
        String patientId,
        String issuerOfPatientId,
        String patientName,
        String modality,
        String procedureCode,
        String procedureDescription,
        OrderPriority priority,
        Instant waitingSince,
        ReportStatus reportStatus,
        String reportId,
        String assignedRadiologist,
        List<String> priorStudyUids,
        List<String> additionalStudyUids,
        String reviewReason) {

    public ReadingWorklistItem {
        additionalStudyUids = additionalStudyUids == null ? List.of() : List.copyOf(additionalStudyUids);
    }
}
