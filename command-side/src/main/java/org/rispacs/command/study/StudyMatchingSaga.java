package org.rispacs.command.study;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.order.AttachStudyCommand;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyAttachmentRefusedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.MarkStudyUnmatchedCommand;
import org.rispacs.api.study.MatchStudyToOrderCommand;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.command.order.AccessionNumberLookup;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Links a newly received study to its order: normalises the accession number the modality sent,
 * finds the order holding it, lets the order check the patient, then marks the study matched
 * or unmatched with the reason, for someone to reconcile.
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class StudyMatchingSaga {

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient AccessionNumberLookup accessionNumbers;

    private String studyInstanceUid;

    @StartSaga
    @SagaEventHandler(associationProperty = "studyInstanceUid")
    void on(InstancesReceivedEvent event) {
        if (studyInstanceUid != null) {
            return;
        }
        if (!event.firstForStudy()) {
            SagaLifecycle.end();
            return;
        }
        studyInstanceUid = event.studyInstanceUid();
        ReceivedStudyAttributes received = event.attributes();
        Optional<String> accession;
        try {
            accession = AccessionNumbers.normalise(received.accessionNumber());
        } catch (IllegalArgumentException invalid) {
            unmatched(UnmatchedReason.NO_ACCESSION, invalid.getMessage());
            return;
        }
        if (accession.isEmpty()) {
            unmatched(UnmatchedReason.NO_ACCESSION, "the study carries no accession number");
            return;
        }
        Optional<String> orderId = accessionNumbers.orderIdFor(accession.get());
        if (orderId.isEmpty()) {
            unmatched(UnmatchedReason.UNKNOWN_ACCESSION, "no order holds accession number " + accession.get());
            return;
        }
        commands.send(new AttachStudyCommand(orderId.get(), studyInstanceUid, received.patientId(),
                received.issuerOfPatientId()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "studyInstanceUid")
    void on(StudyAttachedToOrderEvent event) {
        commands.send(new MatchStudyToOrderCommand(studyInstanceUid, event.orderId(), event.patient()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "studyInstanceUid")
    void on(StudyAttachmentRefusedEvent event) {
        commands.send(new MarkStudyUnmatchedCommand(studyInstanceUid, event.reason(), event.detail()));
    }

    private void unmatched(UnmatchedReason reason, String detail) {
        commands.send(new MarkStudyUnmatchedCommand(studyInstanceUid, reason, detail));
        SagaLifecycle.end();
    }
}
