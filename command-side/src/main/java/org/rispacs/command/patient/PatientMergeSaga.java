package org.rispacs.command.patient;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.ReassignOrderPatientCommand;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.study.ReassignStudyPatientCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Remembers, per patient identity, the orders and studies filed under it, so that a merge
 * (HL7 A40) can move them all to the surviving identity.
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PatientMergeSaga {

    private static final String PATIENT = "patient";

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;

    private final Set<String> orderIds = new LinkedHashSet<>();
    private final Set<String> studyInstanceUids = new LinkedHashSet<>();

    @StartSaga
    @SagaEventHandler(associationProperty = PATIENT)
    void on(OrderPlacedEvent event) {
        orderIds.add(event.orderId());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = PATIENT)
    void on(OrderPatientReassignedEvent event) {
        orderIds.add(event.orderId());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = PATIENT)
    void on(StudyMatchedToOrderEvent event) {
        studyInstanceUids.add(event.studyInstanceUid());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = PATIENT)
    void on(StudyPatientReassignedEvent event) {
        studyInstanceUids.add(event.studyInstanceUid());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "merged", keyName = PATIENT)
    void on(PatientsMergedEvent event) {
        orderIds.forEach(orderId -> commands.send(new ReassignOrderPatientCommand(orderId, event.survivor())));
        studyInstanceUids.forEach(studyUid -> commands.send(new ReassignStudyPatientCommand(studyUid,
                event.survivor())));
    }
}
