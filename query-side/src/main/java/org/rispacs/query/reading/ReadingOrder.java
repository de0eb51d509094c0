package org.rispacs.query.reading;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.ReportStatus;

/**
 * A document of the reading worklist (index {@code reading-worklist}) as read: one order, with the
 * three facts that make it ready to read ({@code completed}, {@code linked}, {@code committed}).
 * The events write it in parts (the other records of this package).
 */
record ReadingOrder(
        String orderId,
        String accessionNumber,
        String studyInstanceUid,
        List<String> additionalStudyUids,
        String reviewReason,
        String patientKey,
        String patientId,
        String issuerOfPatientId,
        String patientName,
        String modality,
        String procedureCode,
        String procedureDescription,
        OrderPriority priority,
        Integer priorityRank,
        Boolean completed,
        Boolean linked,
        Boolean committed,
        Boolean ready,
        Instant waitingSince,
        String reportId,
        ReportStatus reportStatus,
        String assignedRadiologist) {

    ReadingWorklistItem item(List<String> priorStudyUids) {
        return new ReadingWorklistItem(orderId, accessionNumber, studyInstanceUid, patientId, issuerOfPatientId,
                patientName, modality, procedureCode, procedureDescription, priority, waitingSince,
                reportStatus == null ? ReportStatus.NONE : reportStatus, reportId, assignedRadiologist,
                priorStudyUids, additionalStudyUids == null ? List.of() : additionalStudyUids, reviewReason);
    }
}
