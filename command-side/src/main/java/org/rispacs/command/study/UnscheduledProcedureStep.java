package org.rispacs.command.study;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.illegalTransition;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.study.StartUnscheduledProcedureStepCommand;
import org.rispacs.api.study.UnscheduledProcedureStepCompletedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepDiscontinuedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;
import org.rispacs.api.study.UpdateUnscheduledProcedureStepCommand;

/**
 * A procedure step a modality performed without a scheduled one (MPPS "unscheduled case"), keyed
 * by its MPPS SOP Instance UID: started once (a repeated start for the same study changes
 * nothing), then completed or discontinued once.
 */
@Aggregate
class UnscheduledProcedureStep {

    private static final Set<String> STATUSES = Set.of("IN PROGRESS", "COMPLETED", "DISCONTINUED");

    @AggregateIdentifier
    private String performedStepUid;
    private String studyInstanceUid;
    private boolean finished;

    UnscheduledProcedureStep() {
        // rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartUnscheduledProcedureStepCommand command) {
        requireText(command.performedStepUid(), "the performed procedure step UID");
        requireText(command.studyInstanceUid(), "the study instance UID");
        if (performedStepUid != null) {
            if (command.studyInstanceUid().equals(studyInstanceUid)) {
                return;
            }
            throw illegalTransition("performed procedure step " + command.performedStepUid()
                    + " exists already, for study " + studyInstanceUid);
        }
        apply(new UnscheduledProcedureStepStartedEvent(command.performedStepUid(), command.studyInstanceUid(),
                command.stationAeTitle(), command.startedAt(), command.attributes()));
    }

    @CommandHandler
    void handle(UpdateUnscheduledProcedureStepCommand command) {
        require(command.status() == null || STATUSES.contains(command.status()), RefusalCode.INVALID,
                "unknown performed procedure step status " + command.status());
        if (finished) {
            throw illegalTransition("performed procedure step " + performedStepUid + " is finished and may no"
                    + " longer be updated");
        }
        if ("COMPLETED".equals(command.status())) {
            apply(new UnscheduledProcedureStepCompletedEvent(performedStepUid, studyInstanceUid,
                    command.performedSeriesUids() == null ? List.of() : List.copyOf(command.performedSeriesUids())));
        } else if ("DISCONTINUED".equals(command.status())) {
            apply(new UnscheduledProcedureStepDiscontinuedEvent(performedStepUid, studyInstanceUid,
                    command.discontinuationReason()));
        }
    }

    @EventSourcingHandler
    void on(UnscheduledProcedureStepStartedEvent event) {
        performedStepUid = event.performedStepUid();
        studyInstanceUid = event.studyInstanceUid();
    }

    @EventSourcingHandler
    void on(UnscheduledProcedureStepCompletedEvent event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(UnscheduledProcedureStepDiscontinuedEvent event) {
        finished = true;
    }
}
