package org.rispacs.command.study;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.MarkStudyUnmatchedCommand;
import org.rispacs.api.study.MatchStudyToOrderCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReconcileStudyCommand;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.RequestStorageCommitmentCommand;
import org.rispacs.api.study.StorageCommitmentRequestedEvent;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
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
    void reconciliationLinksOrderAndPatient() {
        PatientIdentifier other = new PatientIdentifier("P9", "HOSP");
        fixture.given(RECEIVED, new StudyUnmatchedEvent(STUDY, UnmatchedReason.PATIENT_MISMATCH, "x", AS_SENT))
                .when(new ReconcileStudyCommand(STUDY, "order-1", other, "clerk1", "typo in patient id"))
                .expectEvents(new StudyReconciledEvent(STUDY, "order-1", other, "clerk1", "typo in patient id", false),
                        new StudyPatientReassignedEvent(STUDY, null, other));
        fixture.given(RECEIVED)
                .when(new ReconcileStudyCommand(STUDY, null, null, "clerk1", "nothing"))
                .expectNoEvents().expectException(CommandRefusedException.class);
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
