package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Schedules (or reschedules) the order's procedure step on a modality station.
 *
 * @param requestedProcedureId     a placer-supplied DICOM Requested Procedure ID (HL7 IPC-2), else null:
 *                                 the RIS assigns one
 * @param studyInstanceUid         a placer-supplied Study Instance UID (IPC-3), else null; must be unused
 * @param scheduledProcedureStepId a placer-supplied Scheduled Procedure Step ID (IPC-4), else null
 */
public record ScheduleProcedureCommand(
        @TargetAggregateIdentifier String orderId,
        LocalDateTime scheduledStart,
        String stationAeTitle,
        String stationName,
        String location,
        String requestedProcedureId,
        String studyInstanceUid,
        String scheduledProcedureStepId) {

    /** A schedule whose identifiers the RIS assigns. */
    public ScheduleProcedureCommand(String orderId, LocalDateTime scheduledStart, String stationAeTitle,
                                    String stationName, String location) {
        this(orderId, scheduledStart, stationAeTitle, stationName, location, null, null, null);
    }
}
