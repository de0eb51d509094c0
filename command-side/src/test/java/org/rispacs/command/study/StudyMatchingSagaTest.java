package org.rispacs.command.study;

import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.AttachStudyCommand;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyAttachmentRefusedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.MarkStudyUnmatchedCommand;
import org.rispacs.api.study.MatchStudyToOrderCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.command.order.InMemoryAccessionNumbers;

class StudyMatchingSagaTest {

    static final String STUDY = "2.25.100";
    static final PatientIdentifier PATIENT = new PatientIdentifier("P123", "HOSP");
    static final ReceivedInstance INSTANCE = new ReceivedInstance("1.1", "1.2.840.10008.5.1.4.1.1.2",
            "1.2.840.10008.1.2.1", 10, "aa");

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        InMemoryAccessionNumbers accessionNumbers = new InMemoryAccessionNumbers();
        accessionNumbers.claim("ACC1", "order-1");
        fixture = new SagaTestFixture<>(StudyMatchingSaga.class);
        fixture.registerResource(accessionNumbers);
    }

    static InstancesReceivedEvent received(String accession, boolean first) {
        return new InstancesReceivedEvent(STUDY, "2.25.200", "assoc-1", "CT1",
                new ReceivedStudyAttributes("P123", null, "DOE^JANE", accession, "CT", "CT chest"), List.of(INSTANCE),
                first);
    }

    @Test
    void asksTheOrderHoldingTheNormalisedAccessionToTakeTheStudy() {
        fixture.givenNoPriorActivity()
                .whenAggregate(STUDY).publishes(received(" acc1", true))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new AttachStudyCommand("order-1", STUDY, "P123", null));
    }

    @Test
    void matchesTheStudyOnceTheOrderTakesIt() {
        fixture.givenAggregate(STUDY).published(received("ACC1", true))
                .whenAggregate("order-1").publishes(new StudyAttachedToOrderEvent("order-1", STUDY, PATIENT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MatchStudyToOrderCommand(STUDY, "order-1", PATIENT));
    }

    @Test
    void marksTheStudyUnmatchedWithTheOrdersReason() {
        fixture.givenAggregate(STUDY).published(received("ACC1", true))
                .whenAggregate("order-1").publishes(new StudyAttachmentRefusedEvent("order-1", STUDY,
                        UnmatchedReason.PATIENT_MISMATCH, "not the order's patient"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkStudyUnmatchedCommand(STUDY, UnmatchedReason.PATIENT_MISMATCH,
                        "not the order's patient"));
    }

    @Test
    void aStudyWithoutAccessionIsUnmatched() {
        fixture.givenNoPriorActivity()
                .whenAggregate(STUDY).publishes(received("  ", true))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkStudyUnmatchedCommand(STUDY, UnmatchedReason.NO_ACCESSION,
                        "the study carries no accession number"));
    }

    @Test
    void anAccessionNoOrderHoldsIsUnmatched() {
        fixture.givenNoPriorActivity()
                .whenAggregate(STUDY).publishes(received("ACC404", true))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkStudyUnmatchedCommand(STUDY, UnmatchedReason.UNKNOWN_ACCESSION,
                        "no order holds accession number ACC404"));
    }

    @Test
    void anInvalidAccessionIsUnmatchedWithTheReason() {
        fixture.givenNoPriorActivity()
                .whenAggregate(STUDY).publishes(received("A\\B", true))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkStudyUnmatchedCommand(STUDY, UnmatchedReason.NO_ACCESSION,
                        "accession number 'A\\B' contains a character not allowed in DICOM SH"));
    }

    @Test
    void furtherSeriesWhileMatchingDoNothing() {
        fixture.givenAggregate(STUDY).published(received("ACC1", true))
                .whenAggregate(STUDY).publishes(received("ACC1", false))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void furtherSeriesOfAStudyMatchedEarlierDoNothing() {
        fixture.givenNoPriorActivity()
                .whenAggregate(STUDY).publishes(received("ACC1", false))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }
}
