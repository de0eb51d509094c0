package org.rispacs.command.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.order.StudyLinkMode;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Follows one order until its procedure is both performed and archived, then captures the
 * charge — exactly once, whatever order the facts arrive in and however often. For stations
 * that never send MPPS, the committed study is what completes the procedure.
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PerformedProcedureSaga {

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient ModalityStations stations;

    private String orderId;
    private PatientIdentifier patient;
    private ProcedureCode procedure;
    private String modality;
    private String stationAeTitle;
    private String studyInstanceUid;
    private boolean completed;
    private boolean completionRequested;
    private boolean committed;
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
        }
    }

    private void studyFound(String studyUid, boolean alreadyCommitted) {
        if (studyInstanceUid == null) {
            studyInstanceUid = studyUid;
            SagaLifecycle.associateWith("studyInstanceUid", studyUid);
        }
        committed |= alreadyCommitted && studyUid.equals(studyInstanceUid);
        progress();
    }

    @SagaEventHandler(associationProperty = "studyInstanceUid")
    void on(StorageCommittedEvent event) {
        committed |= event.studyComplete();
        progress();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        // nothing was performed: nothing to bill
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(ProcedureStepDiscontinuedEvent event) {
        // a discontinued step is not billed automatically; billing staff decide
    }

    private void progress() {
        if (!committed) {
            return;
        }
        if (!completed) {
            boolean noMpps = stationAeTitle != null && !stations.sendsMpps(stationAeTitle);
            if (!completionRequested && (reconciled || noMpps)) {
                completionRequested = true;
                commands.send(new CompleteProcedureStepCommand(orderId,
                        reconciled ? CompletionSource.RECONCILIATION : CompletionSource.STUDY_COMMITTED, null, null));
            }
            return;
        }
        commands.send(new CaptureChargeCommand(ChargeIds.forOrder(orderId), orderId, studyInstanceUid, patient,
                procedure, modality));
        SagaLifecycle.end();
    }
}
