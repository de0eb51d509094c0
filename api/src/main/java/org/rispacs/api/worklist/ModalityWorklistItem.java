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
 * @param placerOrderNumber          the placer's order number (ORC-2 / OBR-2), (0040,2016)
 * @param reasonForRequestedProcedure the reason the order gives (OBR-31), (0040,1002)
 * @param requestingPhysicianName    the ordering provider, DICOM PN form, (0032,1032)
 * @param admissionId                the visit number (PV1-19), (0038,0010)
 * @param currentPatientLocation     the visit's assigned location (PV1-3) as sent, (0038,0300)
 * @param scheduledPerformingPhysicianName (0040,0006); no order names one yet
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
        OrderPriority priority,
        String placerOrderNumber,
        String reasonForRequestedProcedure,
        String requestingPhysicianName,
        String admissionId,
        String currentPatientLocation,
        String scheduledPerformingPhysicianName) {
}
