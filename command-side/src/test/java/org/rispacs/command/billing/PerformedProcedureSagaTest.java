package org.rispacs.command.billing;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.CaptureChargeCommand;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepDiscontinuedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordStudyStableCommand;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;

class PerformedProcedureSagaTest {

    static final String ORDER = "order-1";
    static final String STUDY = "2.25.100";
    static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    static final ProcedureCode CT = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, PATIENT, null, CT, "CT", OrderPriority.ROUTINE,
            null, null);
    static final ProcedureStepCompletedEvent COMPLETED = new ProcedureStepCompletedEvent(ORDER, CompletionSource.MPPS,
            "1.2.3", List.of());
    static final StudyMatchedToOrderEvent MATCHED = new StudyMatchedToOrderEvent(STUDY, ORDER, PATIENT, false);
    static final StorageCommittedEvent COMMITTED = new StorageCommittedEvent(STUDY, "tx", List.of("1.1"), List.of(),
            true);
    static final CaptureChargeCommand CAPTURE = new CaptureChargeCommand("charge-order-1", ORDER, STUDY, PATIENT, CT,
            "CT");

    static final Duration STABLE_AFTER = Duration.ofMinutes(15);
    static final ProcedureStepStartedEvent STARTED = new ProcedureStepStartedEvent(ORDER, "1.2.3", "CT1",
            LocalDateTime.of(2026, 12, 1, 9, 0));
    static final CompleteProcedureStepCommand COMPLETE_COMMITTED = new CompleteProcedureStepCommand(ORDER,
            CompletionSource.STUDY_COMMITTED, null, null);
    static final CompleteProcedureStepCommand COMPLETE_STABLE = new CompleteProcedureStepCommand(ORDER,
            CompletionSource.STUDY_STABLE, null, null);

    private FixtureConfiguration fixture;

    static InstancesReceivedEvent received(String sopInstanceUid) {
        return new InstancesReceivedEvent(STUDY, "2.25.200", "assoc-1", "ORTHANC",
                new ReceivedStudyAttributes("P1", "HOSP", "DOE^JANE", "ACC", "CT", null),
                List.of(new ReceivedInstance(sopInstanceUid, "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", 10,
                        "00")), false);
    }

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PerformedProcedureSaga.class);
        fixture.registerResource((ModalityStations) station -> !station.equals("US-NOMPPS"));
        fixture.registerResource(new PerformedProcedureSaga.StableStudyPolicy(STABLE_AFTER));
    }

    @Test
    void capturesWhenTheStepCompletesAfterTheStudyIsCommitted() {
        fixture.givenAggregate(ORDER).published(PLACED)
                .andThenAggregate(STUDY).published(MATCHED, COMMITTED)
                .whenAggregate(ORDER).publishes(COMPLETED)
                .expectDispatchedCommands(CAPTURE)
                .expectActiveSagas(0);
    }

    @Test
    void capturesWhenTheStudyIsCommittedAfterTheStepCompletes() {
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectDispatchedCommands(CAPTURE)
                .expectActiveSagas(0);
    }

    @Test
    void aStudyMatchedAfterItWasCommittedCountsAsCommitted() {
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .whenAggregate(STUDY).publishes(new StudyMatchedToOrderEvent(STUDY, ORDER, PATIENT, true))
                .expectDispatchedCommands(CAPTURE);
    }

    @Test
    void aReconciledStudyIsBilledToo() {
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .whenAggregate(STUDY).publishes(new StudyReconciledEvent(STUDY, ORDER, PATIENT, "clerk", "fixed", true))
                .expectDispatchedCommands(CAPTURE);
    }

    @Test
    void aStudyLinkedByReconciliationCompletesTheStepWhenCommittedWhateverTheStation() {
        ProcedureScheduledEvent scheduled = new ProcedureScheduledEvent(ORDER, "A1", "RP1", "SPS1", "2.25.9",
                LocalDateTime.of(2026, 12, 7, 9, 0), "CT-MPPS", null, null);
        fixture.givenAggregate(ORDER).published(PLACED, scheduled)
                .andThenAggregate(STUDY).published(new StudyReconciledEvent(STUDY, ORDER, PATIENT, "tech", "walk-in",
                        false))
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectDispatchedCommands(new CompleteProcedureStepCommand(ORDER, CompletionSource.RECONCILIATION,
                        null, null));
    }

    @Test
    void aReplacedStudyNoLongerCountsAndItsReplacementDoes() {
        String replacement = "2.25.101";
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .andThenAggregate(ORDER).published(new StudyDetachedFromOrderEvent(ORDER, STUDY, replacement, "tech",
                        "wrong patient's images"))
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectNoDispatchedCommands();
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .andThenAggregate(ORDER).published(new StudyDetachedFromOrderEvent(ORDER, STUDY, replacement, "tech",
                        "wrong patient's images"))
                .whenAggregate(replacement).publishes(new StudyReconciledEvent(replacement, ORDER, PATIENT, "tech",
                        "right images", true, StudyLinkMode.REPLACE_STUDY))
                .expectDispatchedCommands(new CaptureChargeCommand("charge-order-1", ORDER, replacement, PATIENT, CT,
                        "CT"));
    }

    @Test
    void anAdditionalStudyDoesNotChangeWhatIsBilled() {
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate("2.25.101").publishes(new StudyReconciledEvent("2.25.101", ORDER, PATIENT, "tech",
                        "second series", true, StudyLinkMode.ADDITIONAL_STUDY))
                .expectNoDispatchedCommands();
    }

    @Test
    void duplicatesAfterCaptureDoNotCaptureAgain() {
        fixture.givenAggregate(ORDER).published(PLACED)
                .andThenAggregate(STUDY).published(MATCHED, COMMITTED)
                .andThenAggregate(ORDER).published(COMPLETED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectNoDispatchedCommands();
    }

    @Test
    void aPartialCommitmentDoesNotCapture() {
        fixture.givenAggregate(ORDER).published(PLACED, COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate(STUDY).publishes(new StorageCommittedEvent(STUDY, "tx", List.of("1.1"), List.of(),
                        false))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void capturesForThePatientTheOrderWasReassignedTo() {
        PatientIdentifier survivor = new PatientIdentifier("P9", "HOSP");
        fixture.givenAggregate(ORDER).published(PLACED, new OrderPatientReassignedEvent(ORDER, PATIENT, survivor),
                        COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectDispatchedCommands(new CaptureChargeCommand("charge-order-1", ORDER, STUDY, survivor, CT, "CT"));
    }

    @Test
    void aStationWithoutMppsIsCompletedByTheCommittedStudy() {
        ProcedureScheduledEvent onUltrasound = new ProcedureScheduledEvent(ORDER, "ACC", "RP1", "SPS1", STUDY,
                LocalDateTime.of(2026, 12, 1, 9, 0), "US-NOMPPS", null, null);
        fixture.givenAggregate(ORDER).published(PLACED, onUltrasound)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectDispatchedCommands(new CompleteProcedureStepCommand(ORDER, CompletionSource.STUDY_COMMITTED,
                        null, null));
    }

    @Test
    void aStepInProgressByMppsWaitsForItsMppsWhenTheStudyIsCommitted() {
        ProcedureScheduledEvent onCt = new ProcedureScheduledEvent(ORDER, "ACC", "RP1", "SPS1", STUDY,
                LocalDateTime.of(2026, 12, 1, 9, 0), "CT1", null, null);
        fixture.givenAggregate(ORDER).published(PLACED, onCt, STARTED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aStepInProgressByMppsIsNotCompletedByAStableStudy() {
        fixture.givenAggregate(ORDER).published(PLACED, STARTED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenTimeElapses(STABLE_AFTER.plusMinutes(1))
                .expectDispatchedCommands(new RecordStudyStableCommand(STUDY))
                .expectActiveSagas(1);
    }

    @Test
    void withoutMppsTheCommittedStudyCompletesTheStepOnAnyStation() {
        ProcedureScheduledEvent onCt = new ProcedureScheduledEvent(ORDER, "ACC", "RP1", "SPS1", STUDY,
                LocalDateTime.of(2026, 12, 1, 9, 0), "CT1", null, null);
        fixture.givenAggregate(ORDER).published(PLACED, onCt)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectDispatchedCommands(COMPLETE_COMMITTED)
                .expectNoScheduledDeadlines();
    }

    @Test
    void withoutMppsOrCommitmentAStudyStableForTheConfiguredTimeCompletesTheStep() {
        fixture.givenAggregate(ORDER).published(PLACED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenTimeElapses(STABLE_AFTER.plusSeconds(1))
                .expectDeadlinesMet(STUDY)
                .expectDispatchedCommands(new RecordStudyStableCommand(STUDY), COMPLETE_STABLE);
    }

    @Test
    void aNewInstanceRestartsTheWaitForAStableStudy() throws Exception {
        fixture.givenAggregate(ORDER).published(PLACED)
                .andThenAggregate(STUDY).published(MATCHED)
                .andThenTimeElapses(STABLE_AFTER.minusMinutes(1))
                .andThenAggregate(STUDY).published(received("1.1"))
                .whenTimeElapses(Duration.ofMinutes(2))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(STABLE_AFTER.minusMinutes(2), PerformedProcedureSaga.STABLE_DEADLINE);
    }

    @Test
    void aStepCompletedByMppsFirstIsNotCompletedAgainByTheStudy() {
        // completed by MPPS, never committed: the stable study is the archived one, recorded and billed
        fixture.givenAggregate(ORDER).published(PLACED, STARTED, COMPLETED)
                .andThenAggregate(STUDY).published(MATCHED)
                .whenTimeElapses(STABLE_AFTER.plusMinutes(1))
                .expectDispatchedCommands(new RecordStudyStableCommand(STUDY), CAPTURE)
                .expectActiveSagas(0);
        fixture.givenAggregate(ORDER).published(PLACED)
                .andThenAggregate(STUDY).published(MATCHED)
                .andThenAggregate(ORDER).published(STARTED, COMPLETED)
                .whenAggregate(STUDY).publishes(COMMITTED)
                .expectDispatchedCommands(CAPTURE)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aStableStudyCompletesTheStepAndIsBilledWithoutWaitingForACommitment() throws Exception {
        fixture.givenAggregate(ORDER).published(PLACED)
                .andThenAggregate(STUDY).published(MATCHED)
                .andThenTimeElapses(STABLE_AFTER.plusSeconds(1))
                .whenAggregate(ORDER).publishes(new ProcedureStepCompletedEvent(ORDER,
                        CompletionSource.STUDY_STABLE, null, List.of()))
                .expectDispatchedCommands(CAPTURE)
                .expectActiveSagas(0);
    }

    @Test
    void cancelledOrDiscontinuedProceduresAreNotBilled() {
        fixture.givenAggregate(ORDER).published(PLACED)
                .whenAggregate(ORDER).publishes(new OrderCancelledEvent(ORDER, "x"))
                .expectActiveSagas(0).expectNoDispatchedCommands();
        fixture.givenAggregate(ORDER).published(PLACED)
                .whenAggregate(ORDER).publishes(new ProcedureStepDiscontinuedEvent(ORDER, "1.2.3", "x"))
                .expectActiveSagas(0).expectNoDispatchedCommands();
    }
}
