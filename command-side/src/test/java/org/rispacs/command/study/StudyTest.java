package org.rispacs.command.study;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.study.AssignStudyToOrderCommand;
import org.rispacs.api.study.DetachStudyCommand;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.MarkStudyUnmatchedCommand;
import org.rispacs.api.study.MatchStudyToOrderCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.RecordStudyStableCommand;
import org.rispacs.api.study.RequestStorageCommitmentCommand;
import org.rispacs.api.study.StorageCommitmentRequestedEvent;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyStableEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;

class StudyTest {

    static final String STUDY = "2.25.100";
    static final PatientIdentifier PATIENT = new PatientIdentifier("P123", "HOSP");
    static final ReceivedStudyAttributes AS_SENT = new ReceivedStudyAttributes("P123", "", "DOE^JANE", "test1 ", "CT",
            "CT chest");
    static final ReceivedInstance I1 = new ReceivedInstance("1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
            1000, "aa");
    static final ReceivedInstance I2 = new ReceivedInstance("1.2", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
            1000, "bb");
    static final InstancesReceivedEvent RECEIVED = new InstancesReceivedEvent(STUDY, "2.25.200", "assoc-1", "CT1",
            AS_SENT, List.of(I1, I2), true);

    private FixtureConfiguration<Study> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Study.class);
    }

    @Test
    void recordsReceivedInstancesAsSent() {
        fixture.givenNoPriorActivity()
                .when(new RecordInstancesReceivedCommand(STUDY, "2.25.200", "assoc-1", "CT1", AS_SENT,
                        List.of(I1, I2)))
                .expectEvents(RECEIVED);
    }

    @Test
    void aRepeatedStoreOfTheSameInstanceChangesNothing() {
        fixture.given(RECEIVED)
                .when(new RecordInstancesReceivedCommand(STUDY, "2.25.200", "assoc-2", "CT1", AS_SENT, List.of(I1)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        ReceivedInstance i3 = new ReceivedInstance("1.3", I1.sopClassUid(), I1.transferSyntaxUid(), 5, "cc");
        fixture.given(RECEIVED)
                .when(new RecordInstancesReceivedCommand(STUDY, "2.25.201", "assoc-2", "CT1", AS_SENT,
                        List.of(I1, i3)))
                .expectEvents(new InstancesReceivedEvent(STUDY, "2.25.201", "assoc-2", "CT1", AS_SENT, List.of(i3),
                        false));
    }

    @Test
    void matchesOnceAndRefusesAnotherOrder() {
        fixture.given(RECEIVED)
                .when(new MatchStudyToOrderCommand(STUDY, "order-1", PATIENT))
                .expectEvents(new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, false));
        fixture.given(RECEIVED, new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, false))
                .when(new MatchStudyToOrderCommand(STUDY, "order-1", PATIENT))
                .expectNoEvents();
        fixture.given(RECEIVED, new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, false))
                .when(new MatchStudyToOrderCommand(STUDY, "order-2", PATIENT))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void anUnmatchedStudyKeepsWhatWasReceivedForReconciliation() {
        fixture.given(RECEIVED)
                .when(new MarkStudyUnmatchedCommand(STUDY, UnmatchedReason.UNKNOWN_ACCESSION, "no order holds TEST1"))
                .expectEvents(new StudyUnmatchedEvent(STUDY, UnmatchedReason.UNKNOWN_ACCESSION, "no order holds TEST1",
                        AS_SENT));
    }

    @Test
    void aStudyIsLinkedToAnOrderOfItsOwnPatientEvenWhenTheModalitySentNoIssuer() {
        fixture.given(RECEIVED, new StudyUnmatchedEvent(STUDY, UnmatchedReason.UNKNOWN_ACCESSION, "x", AS_SENT))
                .when(assign("order-1", PATIENT, false))
                .expectEvents(new StudyReconciledEvent(STUDY, "order-1", PATIENT, "clerk1", "walk-in",
                        false, StudyLinkMode.ONLY_STUDY))
                .expectResultMessagePayload(false);
    }

    @Test
    void anotherPatientsOrderIsRefusedWithoutAConfirmedCorrectionAndKeepsNoTrace() {
        PatientIdentifier stranger = new PatientIdentifier("P9", "HOSP");
        fixture.given(RECEIVED, new StudyUnmatchedEvent(STUDY, UnmatchedReason.UNKNOWN_ACCESSION, "x", AS_SENT))
                .when(assign("order-9", stranger, false))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("P123 (no issuer)"));
    }

    @Test
    void aConfirmedCorrectionReassignsTheStudyToTheOrdersPatient() {
        PatientIdentifier stranger = new PatientIdentifier("P9", "HOSP");
        ReceivedStudyAttributes withIssuer = new ReceivedStudyAttributes("P123", "HOSP", "DOE^JANE", "", "CT", "");
        InstancesReceivedEvent received = new InstancesReceivedEvent(STUDY, "2.25.200", "assoc-1", "CT1", withIssuer,
                List.of(I1), true);
        fixture.given(received, new StorageCommittedEvent(STUDY, "tx", List.of("1.1"), List.of(), true))
                .when(assign("order-9", stranger, true))
                .expectEvents(new StudyReconciledEvent(STUDY, "order-9", stranger, "clerk1", "walk-in", true,
                                StudyLinkMode.ONLY_STUDY),
                        new StudyPatientReassignedEvent(STUDY, PATIENT, stranger))
                .expectResultMessagePayload(true);
    }

    @Test
    void aStudyOfAnotherOrderIsNotLinkedAgain() {
        fixture.given(RECEIVED, new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, false))
                .when(assign("order-2", PATIENT, true))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void aDetachedStudyGoesBackToTheUnmatchedStudiesAndCanBeLinkedAgain() {
        fixture.given(RECEIVED, new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, true))
                .when(new DetachStudyCommand(STUDY, "order-1", "clerk1", "replaced by study 2.25.9 (wrong room)"))
                .expectEvents(new StudyUnmatchedEvent(STUDY, UnmatchedReason.DETACHED_FROM_ORDER,
                        "detached from order order-1 by clerk1: replaced by study 2.25.9 (wrong room)", AS_SENT));
        fixture.given(RECEIVED, new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, true),
                        new StudyUnmatchedEvent(STUDY, UnmatchedReason.DETACHED_FROM_ORDER, "x", AS_SENT))
                .when(assign("order-2", PATIENT, false))
                .expectEvents(new StudyReconciledEvent(STUDY, "order-2", PATIENT, "clerk1", "walk-in", false,
                        StudyLinkMode.ONLY_STUDY));
        fixture.given(RECEIVED, new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, true))
                .when(new DetachStudyCommand(STUDY, "order-2", "clerk1", "x"))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void aStudyIsRecordedStableOnceUntilAnotherInstanceArrives() {
        fixture.given(RECEIVED)
                .when(new RecordStudyStableCommand(STUDY))
                .expectEvents(new StudyStableEvent(STUDY, 2));
        fixture.given(RECEIVED, new StudyStableEvent(STUDY, 2))
                .when(new RecordStudyStableCommand(STUDY))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        ReceivedInstance i3 = new ReceivedInstance("1.3", I1.sopClassUid(), I1.transferSyntaxUid(), 5, "cc");
        fixture.given(RECEIVED, new StudyStableEvent(STUDY, 2), new InstancesReceivedEvent(STUDY, "2.25.200", "a2",
                        "CT1", AS_SENT, List.of(i3), false))
                .when(new RecordStudyStableCommand(STUDY))
                .expectEvents(new StudyStableEvent(STUDY, 3));
    }

    private static AssignStudyToOrderCommand assign(String orderId, PatientIdentifier orderPatient, boolean correct) {
        return new AssignStudyToOrderCommand(STUDY, orderId, StudyLinkMode.ONLY_STUDY, orderPatient, List.of(), correct,
                "clerk1", "walk-in");
    }

    @Test
    void commitmentCompletesOnlyWhenEveryInstanceIsCommitted() {
        fixture.given(RECEIVED)
                .when(new RequestStorageCommitmentCommand(STUDY, "tx-1", List.of("1.1", "1.2"), "CT1"))
                .expectEvents(new StorageCommitmentRequestedEvent(STUDY, "tx-1", List.of("1.1", "1.2"), "CT1"));
        fixture.given(RECEIVED)
                .when(new RecordStorageCommitmentCommand(STUDY, "tx-1", List.of("1.1"), List.of()))
                .expectEvents(new StorageCommittedEvent(STUDY, "tx-1", List.of("1.1"), List.of(), false));
        fixture.given(RECEIVED, new StorageCommittedEvent(STUDY, "tx-1", List.of("1.1"), List.of(), false))
                .when(new RecordStorageCommitmentCommand(STUDY, "tx-2", List.of("1.2", "9.9"), List.of()))
                .expectEvents(new StorageCommittedEvent(STUDY, "tx-2", List.of("1.2"), List.of("9.9"), true));
    }

    @Test
    void aStudyMatchedAfterCommitmentSaysSo() {
        fixture.given(RECEIVED, new StorageCommittedEvent(STUDY, "tx-1", List.of("1.1", "1.2"), List.of(), true))
                .when(new MatchStudyToOrderCommand(STUDY, "order-1", PATIENT))
                .expectEvents(new StudyMatchedToOrderEvent(STUDY, "order-1", PATIENT, true));
    }
}
