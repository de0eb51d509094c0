package org.rispacs.dicom.bridge;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.procedurestep.PerformedStepStatus;
import org.rispacs.api.procedurestep.ScheduledStepReference;
import org.rispacs.api.procedurestep.StartPerformedProcedureStepCommand;
import org.rispacs.api.procedurestep.UpdatePerformedProcedureStepCommand;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.dicom.service.mpps.PerformedProcedureSteps;

/**
 * MPPS into the workflow: each N-CREATE and N-SET is one command to the performed procedure step
 * of its SOP Instance UID, which finds the order, enforces the step's states and tells the order;
 * a refusal becomes the outcome the MPPS SCP answers with.
 */
public final class GatewayPerformedProcedureSteps implements PerformedProcedureSteps {

    private final CommandGateway commands;

    public GatewayPerformedProcedureSteps(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Result started(String performedStepUid, List<ScheduledReference> references, String stationAeTitle,
                          LocalDateTime startedAt, PerformedAttributes performed, String callingAeTitle) {
        String accession = references.stream().map(ScheduledReference::accessionNumber)
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        List<ScheduledStepReference> scheduled = references.stream()
                .map(reference -> new ScheduledStepReference(reference.accessionNumber(),
                        reference.studyInstanceUid(), reference.requestedProcedureId(),
                        reference.scheduledProcedureStepId()))
                .toList();
        return send(new StartPerformedProcedureStepCommand(performedStepUid, scheduled,
                stationAeTitle != null ? stationAeTitle : callingAeTitle, startedAt,
                new ReceivedStudyAttributes(performed.patientId(), performed.issuerOfPatientId(),
                        performed.patientName(), accession, performed.modality(), performed.description())),
                callingAeTitle, performedStepUid, Outcome.REFUSED);
    }

    @Override
    public Result updated(String performedStepUid, String status, List<String> performedSeriesUids, String reason,
                          String callingAeTitle) {
        return send(new UpdatePerformedProcedureStepCommand(performedStepUid, status(status), performedSeriesUids,
                reason), callingAeTitle, performedStepUid, Outcome.FINAL);
    }

    /** DICOM's defined terms; the SCP answers any other value itself. */
    private static PerformedStepStatus status(String dicomStatus) {
        if (dicomStatus == null) {
            return null;
        }
        return switch (dicomStatus) {
            case "IN PROGRESS" -> PerformedStepStatus.IN_PROGRESS;
            case "COMPLETED" -> PerformedStepStatus.COMPLETED;
            case "DISCONTINUED" -> PerformedStepStatus.DISCONTINUED;
            default -> throw new IllegalArgumentException("not a performed procedure step status: " + dicomStatus);
        };
    }

    private Result send(Object command, String callingAeTitle, String performedStepUid, Outcome illegalTransition) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(audit(callingAeTitle, performedStepUid)));
            return new Result(Outcome.DONE, null);
        } catch (CommandRefusedException refused) {
            Outcome outcome = switch (refused.code()) {
                case UNKNOWN -> Outcome.UNKNOWN;
                case ILLEGAL_TRANSITION -> illegalTransition;
                default -> Outcome.REFUSED;
            };
            return new Result(outcome, refused.getMessage());
        }
    }

    private static Map<String, String> audit(String callingAeTitle, String performedStepUid) {
        return Map.of(AuditMetadata.ACTOR, "dicom:" + callingAeTitle,
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "MPPS " + performedStepUid + " from " + callingAeTitle);
    }
}
