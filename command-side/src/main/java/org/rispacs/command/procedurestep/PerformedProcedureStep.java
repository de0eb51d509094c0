package org.rispacs.command.procedurestep;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.illegalTransition;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.procedurestep.PerformedProcedureStepCompletedEvent;
import org.rispacs.api.procedurestep.PerformedProcedureStepDiscontinuedEvent;
import org.rispacs.api.procedurestep.PerformedProcedureStepStartedEvent;
import org.rispacs.api.procedurestep.PerformedStepStatus;
import org.rispacs.api.procedurestep.ScheduledStepReference;
import org.rispacs.api.procedurestep.StartPerformedProcedureStepCommand;
import org.rispacs.api.procedurestep.UpdatePerformedProcedureStepCommand;
import org.rispacs.api.study.UnscheduledProcedureStepCompletedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepDiscontinuedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;

/**
 * A procedure step a modality performs (DICOM MPPS), keyed by its MPPS SOP Instance UID: started
 * once, then completed or discontinued once; after that it may no longer be updated. It performs
 * the scheduled step of an order when one awaits it, and tells that order in nested commands, so
 * that both commit together or, when the order refuses, neither does. Otherwise it is an
 * unscheduled step (IHE SWF unscheduled case) of the study the modality names, whose events keep
 * the names they were first stored under ({@code UnscheduledProcedureStep*}).
 */
@Aggregate
class PerformedProcedureStep {

    @AggregateIdentifier
    private String performedStepUid;
    /** The order whose scheduled step this is; null for an unscheduled step. */
    private String orderId;
    /** The study of an unscheduled step. */
    private String studyInstanceUid;
    private PerformedStepStatus finalStatus;

    PerformedProcedureStep() {
        // rebuilt from events
    }

    /** N-CREATE; the same start delivered again (for the same order, or the same study) changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartPerformedProcedureStepCommand command, ScheduledProcedureSteps scheduled,
                CommandGateway commands) {
        requireText(command.performedStepUid(), "the performed procedure step UID");
        List<ScheduledStepReference> references = command.references() == null ? List.of() : command.references();
        Optional<String> order = scheduled.orderAwaiting(references);
        String study = order.isPresent() ? null : studyNamedBy(references);
        if (performedStepUid != null) {
            requireSameStart(order.orElse(null), study);
            return;
        }
        if (order.isPresent()) {
            commands.sendAndWait(new StartProcedureStepCommand(order.get(), command.performedStepUid(),
                    command.stationAeTitle(), command.startedAt()));
            apply(new PerformedProcedureStepStartedEvent(command.performedStepUid(), order.get(),
                    command.stationAeTitle(), command.startedAt()));
            return;
        }
        require(study != null, RefusalCode.INVALID, "no scheduled procedure step matches " + references
                + ", and no Study Instance UID names the study of an unscheduled one");
        apply(new UnscheduledProcedureStepStartedEvent(command.performedStepUid(), study, command.stationAeTitle(),
                command.startedAt(), command.performed()));
    }

    private void requireSameStart(String order, String study) {
        boolean same = orderId != null ? orderId.equals(order) : Objects.equals(studyInstanceUid, study);
        if (!same) {
            throw illegalTransition("performed procedure step " + performedStepUid + " exists already, for "
                    + (orderId != null ? "order " + orderId : "study " + studyInstanceUid));
        }
    }

    private static String studyNamedBy(List<ScheduledStepReference> references) {
        return references.stream().map(ScheduledStepReference::studyInstanceUid)
                .filter(uid -> uid != null && !uid.isBlank()).findFirst().orElse(null);
    }

    /** N-SET; a step never started is UNKNOWN (no stream is created for it). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UpdatePerformedProcedureStepCommand command, CommandGateway commands) {
        require(performedStepUid != null, RefusalCode.UNKNOWN,
                "no performed procedure step " + command.performedStepUid());
        if (finalStatus != null) {
            throw illegalTransition("performed procedure step " + performedStepUid + " is " + finalStatus
                    + ": Performed Procedure Step Object may no longer be updated (A710)");
        }
        List<String> series = command.performedSeriesUids() == null ? List.of()
                : List.copyOf(command.performedSeriesUids());
        if (command.status() == PerformedStepStatus.COMPLETED) {
            complete(series, commands);
        } else if (command.status() == PerformedStepStatus.DISCONTINUED) {
            discontinue(command.discontinuationReason(), commands);
        }
    }

    private void complete(List<String> series, CommandGateway commands) {
        if (orderId == null) {
            apply(new UnscheduledProcedureStepCompletedEvent(performedStepUid, studyInstanceUid, series));
            return;
        }
        commands.sendAndWait(new CompleteProcedureStepCommand(orderId, CompletionSource.MPPS, performedStepUid,
                series));
        apply(new PerformedProcedureStepCompletedEvent(performedStepUid, orderId, series));
    }

    private void discontinue(String reason, CommandGateway commands) {
        if (orderId == null) {
            apply(new UnscheduledProcedureStepDiscontinuedEvent(performedStepUid, studyInstanceUid, reason));
            return;
        }
        commands.sendAndWait(new DiscontinueProcedureStepCommand(orderId, performedStepUid, reason));
        apply(new PerformedProcedureStepDiscontinuedEvent(performedStepUid, orderId, reason));
    }

    @EventSourcingHandler
    void on(PerformedProcedureStepStartedEvent event) {
        performedStepUid = event.performedStepUid();
        orderId = event.orderId();
    }

    @EventSourcingHandler
    void on(UnscheduledProcedureStepStartedEvent event) {
        performedStepUid = event.performedStepUid();
        studyInstanceUid = event.studyInstanceUid();
    }

    @EventSourcingHandler
    void on(PerformedProcedureStepCompletedEvent event) {
        finalStatus = PerformedStepStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(UnscheduledProcedureStepCompletedEvent event) {
        finalStatus = PerformedStepStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(PerformedProcedureStepDiscontinuedEvent event) {
        finalStatus = PerformedStepStatus.DISCONTINUED;
    }

    @EventSourcingHandler
    void on(UnscheduledProcedureStepDiscontinuedEvent event) {
        finalStatus = PerformedStepStatus.DISCONTINUED;
    }
}
