package org.rispacs.api.worklist;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.rispacs.api.order.OrderPriority;

/**
 * One scheduled procedure step as the modality worklist shows it: every attribute a DICOM
 * Modality Worklist response needs.
 *
 * @param patientName DICOM PN form, {@code family^given^middle^prefix^suffix}
 * @param status      Scheduled Procedure Step Status (0040,0020): SCHEDULED or STARTED
 */
public record ModalityWorklistItem(
        String orderId,
        String patientName,
        String patientId,
        String issuerOfPatientId,
        LocalDate patientBirthDate,
        String patientSex,
        String accessionNumber,
        String requestedProcedureId,
        String requestedProcedureDescription,
        String procedureCode,
        String procedureCodingScheme,
        String scheduledProcedureStepId,
        LocalDateTime scheduledStart,
        String modality,
        String scheduledStationAeTitle,
        String scheduledStationName,
        String scheduledLocation,
        String status,
        String studyInstanceUid,
        String referringPhysicianName,
        OrderPriority priority) {
}
