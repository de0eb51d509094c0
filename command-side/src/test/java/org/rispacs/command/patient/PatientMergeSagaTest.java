package org.rispacs.command.patient;

import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ReassignOrderPatientCommand;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.study.ReassignStudyPatientCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;

class PatientMergeSagaTest {

    static final PatientIdentifier OLD = new PatientIdentifier("TMP-1", "ER");
    static final PatientIdentifier SURVIVOR = new PatientIdentifier("P1", "HOSP");
    static final ProcedureCode CT = new ProcedureCode("CTHEAD", "LOCAL", "CT head");

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PatientMergeSaga.class);
    }

    @Test
    void movesEveryOrderAndStudyOfTheMergedPatientToTheSurvivor() {
        fixture.givenAggregate("order-1").published(new OrderPlacedEvent("order-1", OLD, null, CT, "CT",
                        OrderPriority.STAT, null, null))
                .andThenAggregate("order-2").published(new OrderPlacedEvent("order-2", OLD, null, CT, "CT",
                        OrderPriority.STAT, null, null))
                .andThenAggregate("2.25.1").published(new StudyMatchedToOrderEvent("2.25.1", "order-1", OLD, false))
                .whenAggregate(OLD.toString()).publishes(new PatientsMergedEvent(OLD, SURVIVOR))
                .expectDispatchedCommands(new ReassignOrderPatientCommand("order-1", SURVIVOR),
                        new ReassignOrderPatientCommand("order-2", SURVIVOR),
                        new ReassignStudyPatientCommand("2.25.1", SURVIVOR));
    }

    @Test
    void theSurvivorLearnsOfTheOrdersItReceives() {
        fixture.givenAggregate("order-1").published(new OrderPatientReassignedEvent("order-1", OLD, SURVIVOR))
                .whenAggregate(SURVIVOR.toString()).publishes(new PatientsMergedEvent(SURVIVOR,
                        new PatientIdentifier("P2", "HOSP")))
                .expectDispatchedCommands(new ReassignOrderPatientCommand("order-1",
                        new PatientIdentifier("P2", "HOSP")));
    }

    @Test
    void otherPatientsAreUntouched() {
        fixture.givenAggregate("order-1").published(new OrderPlacedEvent("order-1", SURVIVOR, null, CT, "CT",
                        OrderPriority.STAT, null, null))
                .whenAggregate(OLD.toString()).publishes(new PatientsMergedEvent(OLD, SURVIVOR))
                .expectNoDispatchedCommands();
    }
}
