package org.rispacs.command.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.rispacs.api.billing.CaptureChargeCommand;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepDiscontinuedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.RecordStudyStableCommand;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Follows one order until its procedure is both performed and archived, then captures the
 * charge — exactly once, whatever order the facts arrive in and however often. Unless an MPPS
 * (or a technologist) has started the step, the linked study completes the procedure: when it is
 * fully committed, or when it has received no new instance for {@link StableStudyPolicy#stableAfter()}
 * (most sites have modalities without MPPS, and a push without storage commitment is never committed).
 * Stations listed as never sending MPPS are completed by the committed study whatever happened.
 * A stable study counts as archived (each instance is on disk before its Success): it is recorded
 * on the study, for the reading worklist, and it is billed like a committed one.
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PerformedProcedureSaga {

    static final String STABLE_DEADLINE = "study-stable";

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient ModalityStations stations;
    @Autowired
    @JsonIgnore
    private transient StableStudyPolicy stablePolicy;
    @Autowired
    @JsonIgnore
    private transient DeadlineManager deadlines;

    private String orderId;
    private PatientIdentifier patient;
    private ProcedureCode procedure;
    private String modality;
    private String stationAeTitle;
    private String studyInstanceUid;
    private boolean completed;
    private boolean completionRequested;
    private boolean committed;
    /** A step started (by MPPS or a technologist): whoever started it completes it. */
    private boolean stepStarted;
    /** The linked study received no new instance for the stable time. */
    private boolean stable;
    private String stableDeadlineId;
    /** A person linked the study: no modality will report this order's step, its commitment completes it. */
    private boolean reconciled;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        patient = event.patient();
        procedure = event.procedure();
        modality = event.modality();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderUpdatedEvent event) {
        procedure = event.procedure();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPatientReassignedEvent event) {
        patient = event.patient();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ProcedureScheduledEvent event) {
        stationAeTitle = event.stationAeTitle();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ProcedureRescheduledEvent event) {
        stationAeTitle = event.stationAeTitle();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ProcedureStepStartedEvent event) {
        stepStarted = true;
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ProcedureStepCompletedEvent event) {
        completed = true;
        progress();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StudyMatchedToOrderEvent event) {
        studyFound(event.studyInstanceUid(), event.committed());
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StudyReconciledEvent event) {
        if (event.mode() == StudyLinkMode.ADDITIONAL_STUDY) {
            return;
        }
        reconciled = true;
        studyFound(event.studyInstanceUid(), event.committed());
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StudyDetachedFromOrderEvent event) {
        if (event.studyInstanceUid().equals(studyInstanceUid)) {
            SagaLifecycle.removeAssociationWith("studyInstanceUid", studyInstanceUid);
            studyInstanceUid = null;
            committed = false;
            stable = false;
            cancelStableDeadline();
        }
    }

    private void studyFound(String studyUid, boolean alreadyCommitted) {
        if (studyInstanceUid == null) {
            studyInstanceUid = studyUid;
            SagaLifecycle.associateWith("studyInstanceUid", studyUid);
            committed = alreadyCommitted;
            restartStableDeadline();
        }
        committed |= alreadyCommitted && studyUid.equals(studyInstanceUid);
        progress();
    }

    /** A new instance: the study is not stable yet, whatever the earlier deadline would have said. */
    @SagaEventHandler(associationProperty = "studyInstanceUid")
    void on(InstancesReceivedEvent event) {
        if (event.studyInstanceUid().equals(studyInstanceUid) && !committed) {
            stable = false;
            restartStableDeadline();
        }
    }

    /**
     * The study stopped growing before any storage commitment: recorded on the study (the reading
     * worklist takes it as archived), and it completes or bills the procedure as a commitment would.
     */
    @DeadlineHandler(deadlineName = STABLE_DEADLINE)
    void studyStable(String studyUid) {
        if (studyUid.equals(studyInstanceUid)) {
            stableDeadlineId = null;
            stable = true;
            commands.send(new RecordStudyStableCommand(studyUid));
            progress();
        }
    }

    private void restartStableDeadline() {
        cancelStableDeadline();
        if (!committed) {
            stableDeadlineId = deadlines.schedule(stablePolicy.stableAfter(), STABLE_DEADLINE, studyInstanceUid);
        }
    }

    private void cancelStableDeadline() {
        if (stableDeadlineId != null) {
            deadlines.cancelSchedule(STABLE_DEADLINE, stableDeadlineId);
            stableDeadlineId = null;
        }
    }

    @SagaEventHandler(associationProperty = "studyInstanceUid")
    void on(StorageCommittedEvent event) {
        committed |= event.studyComplete();
        if (committed) {
            cancelStableDeadline();
        }
        progress();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        // nothing was performed: nothing to bill
        cancelStableDeadline();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(ProcedureStepDiscontinuedEvent event) {
        // a discontinued step is not billed automatically; billing staff decide
        cancelStableDeadline();
    }

    private void progress() {
        if (!completed) {
            completeByTheStudy();
        }
        // a stable study is archived as surely as a committed one (each instance is on disk before its Success)
        if (!completed || !(committed || stable)) {
            return;
        }
        commands.send(new CaptureChargeCommand(ChargeIds.forOrder(orderId), orderId, studyInstanceUid, patient,
                procedure, modality));
        SagaLifecycle.end();
    }

    private void completeByTheStudy() {
        if (completionRequested || studyInstanceUid == null) {
            return;
        }
        boolean listedWithoutMpps = stationAeTitle != null && !stations.sendsMpps(stationAeTitle);
        CompletionSource source = null;
        if (committed && (reconciled || listedWithoutMpps || !stepStarted)) {
            source = reconciled ? CompletionSource.RECONCILIATION : CompletionSource.STUDY_COMMITTED;
        } else if (stable && !stepStarted) {
            source = CompletionSource.STUDY_STABLE;
        }
        if (source != null) {
            completionRequested = true;
            cancelStableDeadline();
            commands.send(new CompleteProcedureStepCommand(orderId, source, null, null));
        }
    }

    /** How long a linked study must receive no new instance to count as complete without MPPS. */
    public record StableStudyPolicy(Duration stableAfter) {
    }
}
