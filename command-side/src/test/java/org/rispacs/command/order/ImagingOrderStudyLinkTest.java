package org.rispacs.command.order;

import static org.hamcrest.Matchers.containsString;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.LinkStudyToOrderCommand;
import org.rispacs.api.order.LinkedOrder;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.order.StudyLinkedToOrderEvent;

/** Reconciliation's rules on the order's side: which orders a person may link a study to, and how. */
class ImagingOrderStudyLinkTest {

    static final String ORDER = "order-1";
    static final PatientIdentifier PATIENT = new PatientIdentifier("P123", "HOSP");
    static final PatientIdentifier FORMER = new PatientIdentifier("T-77", "HOSP");
    static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, PATIENT, "PLC-1",
            new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT", OrderPriority.ROUTINE, null, null);
    static final AccessionAssignedEvent ACCESSION = new AccessionAssignedEvent(ORDER, "TEST1", false);
    static final StudyAttachedToOrderEvent HAS_STUDY = new StudyAttachedToOrderEvent(ORDER, "2.25.1", PATIENT);
    static final ProcedureStepCompletedEvent COMPLETED = new ProcedureStepCompletedEvent(ORDER,
            CompletionSource.MPPS, "1.2.3", List.of());

    private FixtureConfiguration<ImagingOrder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImagingOrder.class);
    }

    static LinkStudyToOrderCommand link(StudyLinkMode mode) {
        return new LinkStudyToOrderCommand(ORDER, "2.25.2", mode, "tech1", "walk-in, same patient");
    }

    @Test
    void anOrderWithoutAStudyTakesTheStudyAndAnswersItsPatientsAndThatItStillAwaitsCompletion() {
        fixture.given(PLACED, ACCESSION, new OrderPatientReassignedEvent(ORDER, FORMER, PATIENT))
                .when(link(StudyLinkMode.ONLY_STUDY))
                .expectEvents(new StudyLinkedToOrderEvent(ORDER, "2.25.2", StudyLinkMode.ONLY_STUDY, PATIENT, "tech1",
                        "walk-in, same patient"))
                .expectResultMessagePayload(new LinkedOrder(PATIENT, List.of(FORMER), List.of(), true));
    }

    @Test
    void anOrderThatHasAStudyIsNotALinkTargetUnlessThePersonChoosesAddOrReplace() {
        fixture.given(PLACED, ACCESSION, HAS_STUDY, COMPLETED)
                .when(link(StudyLinkMode.ONLY_STUDY))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("already has study 2.25.1"));
        fixture.given(PLACED, ACCESSION, HAS_STUDY, COMPLETED)
                .when(link(null))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void anAdditionalStudyKeepsTheOrdersStudy() {
        fixture.given(PLACED, ACCESSION, HAS_STUDY, COMPLETED)
                .when(link(StudyLinkMode.ADDITIONAL_STUDY))
                .expectEvents(new StudyLinkedToOrderEvent(ORDER, "2.25.2", StudyLinkMode.ADDITIONAL_STUDY, PATIENT,
                        "tech1", "walk-in, same patient"))
                .expectResultMessagePayload(new LinkedOrder(PATIENT, List.of(), List.of(), false));
    }

    @Test
    void replacingDetachesTheOldStudyFirstSoThatItsReportIsReviewed() {
        fixture.given(PLACED, ACCESSION, HAS_STUDY, COMPLETED)
                .when(link(StudyLinkMode.REPLACE_STUDY))
                .expectEvents(new StudyDetachedFromOrderEvent(ORDER, "2.25.1", "2.25.2", "tech1",
                                "walk-in, same patient"),
                        new StudyLinkedToOrderEvent(ORDER, "2.25.2", StudyLinkMode.REPLACE_STUDY, PATIENT, "tech1",
                                "walk-in, same patient"))
                .expectResultMessagePayload(new LinkedOrder(PATIENT, List.of(), List.of("2.25.1"), false));
    }

    @Test
    void aStudyAlreadyLinkedIsAcceptedAgainWithoutAnEvent() {
        fixture.given(PLACED, ACCESSION, new StudyLinkedToOrderEvent(ORDER, "2.25.2", StudyLinkMode.ONLY_STUDY,
                        PATIENT, "tech1", "x"))
                .when(link(StudyLinkMode.ONLY_STUDY))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aCancelledOrderTakesNoStudyAndANoteIsRequired() {
        fixture.given(PLACED, ACCESSION, new OrderCancelledEvent(ORDER, "duplicate"))
                .when(link(StudyLinkMode.ONLY_STUDY))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("CANCELLED"));
        fixture.given(PLACED, ACCESSION)
                .when(new LinkStudyToOrderCommand(ORDER, "2.25.2", StudyLinkMode.ONLY_STUDY, "tech1", " "))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }
}
