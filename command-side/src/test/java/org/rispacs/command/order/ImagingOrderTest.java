package org.rispacs.command.order;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.AttachStudyCommand;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.DiscontinueOrderCommand;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.Visit;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepDiscontinuedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.ReassignOrderPatientCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyAttachmentRefusedEvent;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.api.study.UnmatchedReason;

class ImagingOrderTest {

    static final String ORDER = "order-1";
    static final PatientIdentifier PATIENT = new PatientIdentifier("P123", "HOSP");
    static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    static final LocalDateTime NINE = LocalDateTime.of(2026, 12, 1, 9, 0);

    static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, PATIENT, "PLC-1", CT_CHEST, "CT",
            OrderPriority.STAT, "cough", "Dr Who");
    static final AccessionAssignedEvent ACCESSION = new AccessionAssignedEvent(ORDER, "TEST1", false);
    static final ProcedureScheduledEvent SCHEDULED = new ProcedureScheduledEvent(ORDER, "TEST1", "RP1", "SPS1",
            "2.25.1", NINE, "CT1", "CT room 1", "Radiology");
    static final ProcedureStepStartedEvent STARTED = new ProcedureStepStartedEvent(ORDER, "1.2.3.mpps", "CT1", NINE);

    private FixtureConfiguration<ImagingOrder> fixture;
    private InMemoryAccessionNumbers accessionNumbers;
    private Map<String, String> studyUids;

    @BeforeEach
    void setUp() {
        accessionNumbers = new InMemoryAccessionNumbers();
        fixture = new AggregateTestFixture<>(ImagingOrder.class);
        fixture.registerInjectableResource(accessionNumbers);
        fixture.registerInjectableResource((ProcedureIdentifiers) () ->
                new ProcedureIdentifiers.Scheduled("RP1", "SPS1", "2.25.1"));
        studyUids = new HashMap<>(Map.of("1.2.840.99.7", "order-other"));
        fixture.registerInjectableResource((StudyInstanceUids) (uid, order) ->
                studyUids.computeIfAbsent(uid, u -> order).equals(order));
        fixture.registerInjectableResource(SchedulingRulesTest.BEFORE_ANY_TEST_DATE);
    }

    static PlaceOrderCommand place(String placerAccession) {
        return new PlaceOrderCommand(ORDER, PATIENT, "PLC-1", CT_CHEST, "CT", OrderPriority.STAT, "cough", "Dr Who",
                placerAccession);
    }

    @Nested
    class Placing {

        @Test
        void recordsTheOrderAndAssignsAGeneratedAccession() {
            fixture.givenNoPriorActivity()
                    .when(place(null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(PLACED, ACCESSION);
        }

        @Test
        void keepsTheAccessionAsThePlacerSentItButClaimsItNormalised() {
            fixture.givenNoPriorActivity()
                    .when(place(" acc-77 "))
                    .expectEvents(PLACED, new AccessionAssignedEvent(ORDER, "acc-77", true));
            org.assertj.core.api.Assertions.assertThat(accessionNumbers.orderIdFor("ACC-77")).contains(ORDER);
        }

        @Test
        void keepsWhatElseThePlacerSaid() {
            PlacerDetails details = new PlacerDetails("EPIC", "1234", "RAD-CT", new Visit("I", "W1^12^A", "V-77"),
                    new ProcedureCode("R05", "I10", "Cough"));
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER, PATIENT, "PLC-1", CT_CHEST, "CT", OrderPriority.STAT, "cough",
                            "Dr Who", null, details))
                    .expectEvents(new OrderPlacedEvent(ORDER, PATIENT, "PLC-1", CT_CHEST, "CT", OrderPriority.STAT,
                            "cough", "Dr Who", details), ACCESSION);
        }

        @Test
        void refusesAPlacerAccessionHeldByAnotherOrder() {
            accessionNumbers.claim("ACC-77", "order-0");
            fixture.givenNoPriorActivity()
                    .when(place("ACC-77"))
                    .expectNoEvents()
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("accession number ACC-77 is held by another order");
        }

        @Test
        void refusesAnAccessionThatIsNotADicomShortString() {
            fixture.givenNoPriorActivity()
                    .when(place("12345678901234567"))
                    .expectNoEvents()
                    .expectException(CommandRefusedException.class);
        }

        @Test
        void storesTheProcedureCodeWithoutSurroundingSpaces() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER, PATIENT, "PLC-1", new ProcedureCode(" CTCHEST ", "LOCAL",
                            "CT chest"), "CT", OrderPriority.STAT, "cough", "Dr Who", null))
                    .expectEvents(PLACED, ACCESSION);
        }

        @Test
        void theSamePlacementDeliveredAgainChangesNothing() {
            fixture.given(PLACED, ACCESSION)
                    .when(place(null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(PLACED, new AccessionAssignedEvent(ORDER, "acc-77", true))
                    .when(place("ACC-77 "))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aPlacementWithOtherContentUnderTheSameOrderIsRefusedNamingEachDifference() {
            fixture.given(PLACED, ACCESSION)
                    .when(new PlaceOrderCommand(ORDER, new PatientIdentifier("P999", "HOSP"), "PLC-1",
                            new ProcedureCode("MRHEAD", "LOCAL", "MR head"), "MR", OrderPriority.ROUTINE, null, null,
                            "OTHER-ACC"))
                    .expectNoEvents()
                    .expectException(CommandRefusedException.class)
                    .expectExceptionMessage("order PLC-1 exists with other content: patient P999^^^HOSP (the"
                            + " order's is P123^^^HOSP), procedure MRHEAD (the order's is CTCHEST), modality MR (the"
                            + " order's is CT), priority ROUTINE (the order's is STAT), accession OTHER-ACC (the"
                            + " order's is TEST1); change an order with XO, or place a new one under a new placer"
                            + " order number");
        }

        @Test
        void refusesIncompleteOrders() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER, PATIENT, null, new ProcedureCode(" ", null, null), "CT",
                            OrderPriority.STAT, null, null, null))
                    .expectNoEvents().expectExceptionMessage("an order needs a procedure code");
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER, null, null, CT_CHEST, "CT", OrderPriority.STAT, null, null,
                            null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER, PATIENT, null, CT_CHEST, "ct scan", OrderPriority.STAT, null,
                            null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(ORDER, PATIENT, null, CT_CHEST, "CT", null, null, null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class DiscontinuingByThePlacer {

        @Test
        void anOrderNotStartedIsCancelled() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new DiscontinueOrderCommand(ORDER, "patient declined"))
                    .expectEvents(new OrderCancelledEvent(ORDER, "patient declined"));
        }

        @Test
        void anOrderInProgressHasItsStepDiscontinued() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new DiscontinueOrderCommand(ORDER, "patient unwell"))
                    .expectEvents(new ProcedureStepDiscontinuedEvent(ORDER, "1.2.3.mpps", "patient unwell"));
        }

        @Test
        void aSecondDiscontinuationChangesNothingAndACompletedOrderRefuses() {
            fixture.given(PLACED, ACCESSION, new OrderCancelledEvent(ORDER, "declined"))
                    .when(new DiscontinueOrderCommand(ORDER, "again"))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED,
                            new ProcedureStepCompletedEvent(ORDER, CompletionSource.MPPS, "1.2.3.mpps", List.of()))
                    .when(new DiscontinueOrderCommand(ORDER, "too late"))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class Scheduling {

        @Test
        void preAssignsIdentifiersForTheModality() {
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", "CT room 1", "Radiology"))
                    .expectEvents(SCHEDULED);
        }

        @Test
        void takesTheIdentifiersThePlacerSupplies() {
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null, "RPX", "1.2.840.99.1", "SPSX"))
                    .expectEvents(new ProcedureScheduledEvent(ORDER, "TEST1", "RPX", "SPSX", "1.2.840.99.1", NINE,
                            "CT1", null, null));
            org.assertj.core.api.Assertions.assertThat(studyUids).containsEntry("1.2.840.99.1", ORDER);
        }

        @Test
        void refusesAStudyUidAnotherOrderHolds() {
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null, null, "1.2.840.99.7", null))
                    .expectNoEvents().expectException(CommandRefusedException.class)
                    .expectExceptionMessage("study instance UID 1.2.840.99.7 is held by another order");
        }

        @Test
        void refusesMalformedPlacerIdentifiers() {
            for (String uid : List.of("1.2.03", "1..2", "abc", "1.2.", "1." + "2".repeat(64))) {
                fixture.given(PLACED, ACCESSION)
                        .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null, null, uid, null))
                        .expectNoEvents().expectException(CommandRefusedException.class);
            }
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null, "RP-0123456789-ABC", null,
                            null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null, null, null, "SPS\\1"))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }

        @Test
        void theIdentifiersOfAScheduledOrderCannotChange() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", "CT room 1", "Radiology", "RP1",
                            "1.2.840.99.2", "SPS1"))
                    .expectNoEvents().expectException(CommandRefusedException.class);
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new ScheduleProcedureCommand(ORDER, NINE.plusHours(1), "CT1", "CT room 1", "Radiology",
                            "RP1", "2.25.1", "SPS1"))
                    .expectEvents(new ProcedureRescheduledEvent(ORDER, NINE.plusHours(1), "CT1", "CT room 1",
                            "Radiology"));
        }

        @Test
        void reschedulingKeepsTheIdentifiers() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new ScheduleProcedureCommand(ORDER, NINE.plusHours(2), "CT2", "CT room 2", "Radiology"))
                    .expectEvents(new ProcedureRescheduledEvent(ORDER, NINE.plusHours(2), "CT2", "CT room 2",
                            "Radiology"));
        }

        @Test
        void theSameScheduleAgainChangesNothing() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", "CT room 1", "Radiology"))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesToScheduleACancelledOrStartedOrder() {
            fixture.given(PLACED, ACCESSION, new OrderCancelledEvent(ORDER, "duplicate"))
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new ScheduleProcedureCommand(ORDER, NINE.plusHours(1), "CT1", null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }

        @Test
        void theScheduleItHadDeliveredAgainAfterTheStartChangesNothing() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "CT1", null, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesAStationThatIsNotAnAeTitle() {
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, NINE, "A\\B", null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
            fixture.given(PLACED, ACCESSION)
                    .when(new ScheduleProcedureCommand(ORDER, null, "CT1", null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class Updating {

        @Test
        void recordsChangedDetails() {
            fixture.given(PLACED, ACCESSION)
                    .when(new UpdateOrderCommand(ORDER, null, OrderPriority.ROUTINE, null, null))
                    .expectEvents(new OrderUpdatedEvent(ORDER, CT_CHEST, OrderPriority.ROUTINE, "cough", "Dr Who"));
        }

        @Test
        void anUpdateThatChangesNothingEmitsNothing() {
            fixture.given(PLACED, ACCESSION)
                    .when(new UpdateOrderCommand(ORDER, CT_CHEST, OrderPriority.STAT, "cough", "Dr Who"))
                    .expectNoEvents();
        }

        @Test
        void refusesToChangeACompletedOrder() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED,
                            new ProcedureStepCompletedEvent(ORDER, CompletionSource.MPPS, "1.2.3.mpps", List.of()))
                    .when(new UpdateOrderCommand(ORDER, null, OrderPriority.ROUTINE, null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAScheduledOrder() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new CancelOrderCommand(ORDER, "patient refused"))
                    .expectEvents(new OrderCancelledEvent(ORDER, "patient refused"));
        }

        @Test
        void aSecondCancelChangesNothing() {
            fixture.given(PLACED, ACCESSION, new OrderCancelledEvent(ORDER, "x"))
                    .when(new CancelOrderCommand(ORDER, "again"))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesToCancelAfterCompletionOrWhileInProgress() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED,
                            new ProcedureStepCompletedEvent(ORDER, CompletionSource.MPPS, "1.2.3.mpps", List.of()))
                    .when(new CancelOrderCommand(ORDER, "too late"))
                    .expectNoEvents().expectException(CommandRefusedException.class)
                    .expectExceptionMessage("order order-1 is COMPLETED and cannot be cancelled");
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new CancelOrderCommand(ORDER, "stop"))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class PerformingTheProcedure {

        @Test
        void startsCompletesWithMpps() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new StartProcedureStepCommand(ORDER, "1.2.3.mpps", "CT1", NINE))
                    .expectEvents(STARTED);
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new CompleteProcedureStepCommand(ORDER, CompletionSource.MPPS, "1.2.3.mpps",
                            List.of("1.2.3.4")))
                    .expectEvents(new ProcedureStepCompletedEvent(ORDER, CompletionSource.MPPS, "1.2.3.mpps",
                            List.of("1.2.3.4")));
        }

        @Test
        void aDuplicateStartOrCompletionChangesNothing() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new StartProcedureStepCommand(ORDER, "1.2.3.mpps", "CT1", NINE))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED,
                            new ProcedureStepCompletedEvent(ORDER, CompletionSource.MPPS, "1.2.3.mpps", List.of()))
                    .when(new CompleteProcedureStepCommand(ORDER, CompletionSource.MPPS, "1.2.3.mpps", List.of()))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesASecondStepWhileOneIsInProgress() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new StartProcedureStepCommand(ORDER, "9.9.9", "CT2", NINE))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }

        @Test
        void refusesToStartACancelledOrder() {
            fixture.given(PLACED, ACCESSION, new OrderCancelledEvent(ORDER, "x"))
                    .when(new StartProcedureStepCommand(ORDER, "1.2.3.mpps", "CT1", NINE))
                    .expectNoEvents().expectException(CommandRefusedException.class)
                    .expectExceptionMessage("order order-1 is CANCELLED and cannot be started");
        }

        @Test
        void mppsCannotCompleteAStepThatNeverStarted() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new CompleteProcedureStepCommand(ORDER, CompletionSource.MPPS, "1.2.3.mpps", List.of()))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }

        @Test
        void aTechnologistOrTheCommittedStudyCompletesWithoutMpps() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new CompleteProcedureStepCommand(ORDER, CompletionSource.TECHNOLOGIST, null, null))
                    .expectEvents(new ProcedureStepCompletedEvent(ORDER, CompletionSource.TECHNOLOGIST, null,
                            List.of()));
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new CompleteProcedureStepCommand(ORDER, CompletionSource.STUDY_COMMITTED, null, null))
                    .expectEvents(new ProcedureStepCompletedEvent(ORDER, CompletionSource.STUDY_COMMITTED, null,
                            List.of()));
        }

        @Test
        void discontinuesOnlyAStepInProgress() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED)
                    .when(new DiscontinueProcedureStepCommand(ORDER, "1.2.3.mpps", "contrast reaction"))
                    .expectEvents(new ProcedureStepDiscontinuedEvent(ORDER, "1.2.3.mpps", "contrast reaction"));
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new DiscontinueProcedureStepCommand(ORDER, null, "x"))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }

        @Test
        void refusesToCompleteADiscontinuedStep() {
            fixture.given(PLACED, ACCESSION, SCHEDULED, STARTED,
                            new ProcedureStepDiscontinuedEvent(ORDER, "1.2.3.mpps", "x"))
                    .when(new CompleteProcedureStepCommand(ORDER, CompletionSource.TECHNOLOGIST, null, null))
                    .expectNoEvents().expectException(CommandRefusedException.class);
        }
    }

    @Nested
    class AttachingStudies {

        @Test
        void acceptsAStudyOfTheSamePatient() {
            fixture.given(PLACED, ACCESSION, SCHEDULED)
                    .when(new AttachStudyCommand(ORDER, "2.25.1", "P123", "HOSP"))
                    .expectEvents(new StudyAttachedToOrderEvent(ORDER, "2.25.1", PATIENT));
        }

        @Test
        void acceptsAStudyWithoutIssuerWhenTheIdAgrees() {
            fixture.given(PLACED, ACCESSION)
                    .when(new AttachStudyCommand(ORDER, "2.25.1", "P123 ", ""))
                    .expectEvents(new StudyAttachedToOrderEvent(ORDER, "2.25.1", PATIENT));
        }

        @Test
        void refusesAnotherPatientsStudy() {
            fixture.given(PLACED, ACCESSION)
                    .when(new AttachStudyCommand(ORDER, "2.25.1", "P999", "HOSP"))
                    .expectEvents(new StudyAttachmentRefusedEvent(ORDER, "2.25.1", UnmatchedReason.PATIENT_MISMATCH,
                            "study patient P999^^^HOSP is not the order's P123^^^HOSP"));
        }

        @Test
        void refusesAStudyForACancelledOrder() {
            fixture.given(PLACED, ACCESSION, new OrderCancelledEvent(ORDER, "x"))
                    .when(new AttachStudyCommand(ORDER, "2.25.1", "P123", "HOSP"))
                    .expectEvents(new StudyAttachmentRefusedEvent(ORDER, "2.25.1", UnmatchedReason.CANCELLED_ORDER,
                            "order order-1 was cancelled"));
        }

        @Test
        void refusesASecondStudyUnderTheSameAccession() {
            fixture.given(PLACED, ACCESSION, new StudyAttachedToOrderEvent(ORDER, "2.25.1", PATIENT))
                    .when(new AttachStudyCommand(ORDER, "2.25.2", "P123", "HOSP"))
                    .expectEvents(new StudyAttachmentRefusedEvent(ORDER, "2.25.2",
                            UnmatchedReason.DUPLICATE_ACCESSION, "accession TEST1 already belongs to study 2.25.1"));
            fixture.given(PLACED, ACCESSION, new StudyAttachedToOrderEvent(ORDER, "2.25.1", PATIENT))
                    .when(new AttachStudyCommand(ORDER, "2.25.1", "P123", "HOSP"))
                    .expectNoEvents();
        }
    }

    @Test
    void reassignsThePatientAfterAMerge() {
        PatientIdentifier survivor = new PatientIdentifier("P777", "HOSP");
        fixture.given(PLACED, ACCESSION)
                .when(new ReassignOrderPatientCommand(ORDER, survivor))
                .expectEvents(new OrderPatientReassignedEvent(ORDER, PATIENT, survivor));
        fixture.given(PLACED, ACCESSION, new OrderPatientReassignedEvent(ORDER, PATIENT, survivor))
                .when(new AttachStudyCommand(ORDER, "2.25.1", "P777", "HOSP"))
                .expectEvents(new StudyAttachedToOrderEvent(ORDER, "2.25.1", survivor));
    }

    /** The modality read its worklist before the merge and still sends the identity merged away. */
    @Test
    void acceptsAStudyUnderTheIdentityMergedAwayAndFilesItUnderTheSurvivor() {
        PatientIdentifier survivor = new PatientIdentifier("P777", "HOSP");
        fixture.given(PLACED, ACCESSION, SCHEDULED, new OrderPatientReassignedEvent(ORDER, PATIENT, survivor))
                .when(new AttachStudyCommand(ORDER, "2.25.1", "P123", "HOSP"))
                .expectEvents(new StudyAttachedToOrderEvent(ORDER, "2.25.1", survivor));
        fixture.given(PLACED, ACCESSION, new OrderPatientReassignedEvent(ORDER, PATIENT, survivor))
                .when(new AttachStudyCommand(ORDER, "2.25.1", "P999", "HOSP"))
                .expectEvents(new StudyAttachmentRefusedEvent(ORDER, "2.25.1", UnmatchedReason.PATIENT_MISMATCH,
                        "study patient P999^^^HOSP is not the order's P777^^^HOSP"));
    }
}
