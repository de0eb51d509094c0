package org.rispacs.dicom.service.mpps;

import java.time.LocalDateTime;
import java.util.List;

/** What the MPPS SCP tells the workflow, and what the workflow answers. */
public interface PerformedProcedureSteps {

    /** The scheduled step a modality says it performs (Scheduled Step Attributes Sequence). */
    record ScheduledReference(String accessionNumber, String studyInstanceUid, String requestedProcedureId,
                              String scheduledProcedureStepId) {
    }

    /** Who and what the modality says it performed (from the N-CREATE), for a step no order scheduled. */
    record PerformedAttributes(String patientId, String issuerOfPatientId, String patientName, String modality,
                               String description) {
    }

    enum Outcome {
        /** Recorded. */
        DONE,
        /** The performed procedure step is not known. */
        UNKNOWN,
        /** It was completed or discontinued already and may no longer be updated. */
        FINAL,
        /** The workflow refused it (no scheduled step and no study to record it for, ...); see the message. */
        REFUSED
    }

    record Result(Outcome outcome, String message) {
    }

    /**
     * N-CREATE with status IN PROGRESS: starts the scheduled step the references match, or else
     * records an unscheduled step for the study the references name (IHE SWF unscheduled case).
     */
    Result started(String performedStepUid, List<ScheduledReference> references, String stationAeTitle,
                   LocalDateTime startedAt, PerformedAttributes performed, String callingAeTitle);

    /** N-SET; {@code status} null for an update that does not change it. */
    Result updated(String performedStepUid, String status, List<String> performedSeriesUids, String reason,
                   String callingAeTitle);
}
