package org.rispacs.command.procedurestep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.procedurestep.PerformedProcedureStepCompletedEvent;
import org.rispacs.api.procedurestep.PerformedProcedureStepDiscontinuedEvent;
import org.rispacs.api.procedurestep.PerformedProcedureStepStartedEvent;
import org.rispacs.api.procedurestep.PerformedStepStatus;
import org.rispacs.api.procedurestep.ScheduledStepReference;
import org.rispacs.api.procedurestep.StartPerformedProcedureStepCommand;
import org.rispacs.api.procedurestep.UpdatePerformedProcedureStepCommand;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.UnscheduledProcedureStepCompletedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepDiscontinuedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;

class PerformedProcedureStepTest {

    static final String STEP = "2.25.500";
    static final String STUDY = "2.25.501";
    static final String ORDER = "order-1";
    static final String ACCESSION = "RIS000000001";
    static final LocalDateTime AT = LocalDateTime.of(2027, 3, 1, 8, 30);
    static final ReceivedStudyAttributes AS_SENT = new ReceivedStudyAttributes("P9", "HOSP", "DOE^JOHN", ACCESSION,
            "CT", "CT head");
    static final ScheduledStepReference BY_ACCESSION = new ScheduledStepReference(ACCESSION, STUDY, null, null);
    static final ScheduledStepReference UNKNOWN_ACCESSION = new ScheduledStepReference("NOSUCH", STUDY, null, null);
    static final PerformedProcedureStepStartedEvent SCHEDULED_STARTED = new PerformedProcedureStepStartedEvent(STEP,
            ORDER, "CT1", AT);
    static final UnscheduledProcedureStepStartedEvent UNSCHEDULED_STARTED = new UnscheduledProcedureStepStartedEvent(
            STEP, STUDY, "CT1", AT, AS_SENT);

    private FixtureConfiguration<PerformedProcedureStep> fixture;
    /** What the order was told, in nested commands. */
    private final List<Object> toldTheOrder = new ArrayList<>();
    /** The order's refusal of the next nested command, if any. */
    private CommandRefusedException orderRefuses;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PerformedProcedureStep.class);
        SimpleCommandBus orders = SimpleCommandBus.builder().build();
        for (Class<?> type : List.of(StartProcedureStepCommand.class, CompleteProcedureStepCommand.class,
                DiscontinueProcedureStepCommand.class)) {
            orders.subscribe(type.getName(), command -> {
                if (orderRefuses != null) {
                    throw orderRefuses;
                }
                toldTheOrder.add(command.getPayload());
                return null;
            });
        }
        fixture.registerInjectableResource(DefaultCommandGateway.builder().commandBus(orders).build());
        fixture.registerInjectableResource((ScheduledProcedureSteps) references -> references.stream()
                .filter(reference -> ACCESSION.equals(reference.accessionNumber())).map(reference -> ORDER)
                .findFirst());
    }

    private static StartPerformedProcedureStepCommand start(ScheduledStepReference... references) {
        return new StartPerformedProcedureStepCommand(STEP, List.of(references), "CT1", AT, AS_SENT);
    }

    private static UpdatePerformedProcedureStepCommand update(PerformedStepStatus status, String... series) {
        return new UpdatePerformedProcedureStepCommand(STEP, status, List.of(series),
                status == PerformedStepStatus.DISCONTINUED ? "patient left" : null);
    }

    /** The refusal the edge maps to a DICOM status: its code, and a message naming what went wrong. */
    private static Matcher<Object> refusal(RefusalCode code, String saying) {
        return Matchers.predicate(thrown -> thrown instanceof CommandRefusedException refused
                && refused.code() == code && refused.getMessage().contains(saying));
    }

    @Nested
    class AScheduledStep {

        @Test
        void startsTheOrderItsReferencesName() {
            fixture.givenNoPriorActivity()
                    .when(start(UNKNOWN_ACCESSION, BY_ACCESSION))
                    .expectEvents(SCHEDULED_STARTED);
            assertThat(toldTheOrder).containsExactly(new StartProcedureStepCommand(ORDER, STEP, "CT1", AT));
        }

        @Test
        void isNotStartedWhenTheOrderRefuses() {
            orderRefuses = new CommandRefusedException(RefusalCode.ILLEGAL_TRANSITION, "in progress under another");
            fixture.givenNoPriorActivity()
                    .when(start(BY_ACCESSION))
                    .expectException(CommandRefusedException.class).expectNoEvents();
        }

        @Test
        void aRepeatedStartChangesNothing() {
            fixture.given(SCHEDULED_STARTED)
                    .when(start(BY_ACCESSION))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            assertThat(toldTheOrder).isEmpty();
        }

        @Test
        void aStartNamingNoLongerItsOrderIsRefused() {
            fixture.given(SCHEDULED_STARTED)
                    .when(start(UNKNOWN_ACCESSION))
                    .expectException(refusal(RefusalCode.ILLEGAL_TRANSITION, "exists already, for order " + ORDER))
                    .expectNoEvents();
        }

        @Test
        void completesTheOrderWithItsSeries() {
            fixture.given(SCHEDULED_STARTED)
                    .when(update(PerformedStepStatus.COMPLETED, STUDY + ".1"))
                    .expectEvents(new PerformedProcedureStepCompletedEvent(STEP, ORDER, List.of(STUDY + ".1")));
            assertThat(toldTheOrder).containsExactly(new CompleteProcedureStepCommand(ORDER, CompletionSource.MPPS,
                    STEP, List.of(STUDY + ".1")));
        }

        @Test
        void discontinuesTheOrderWithItsReason() {
            fixture.given(SCHEDULED_STARTED)
                    .when(update(PerformedStepStatus.DISCONTINUED))
                    .expectEvents(new PerformedProcedureStepDiscontinuedEvent(STEP, ORDER, "patient left"));
            assertThat(toldTheOrder).containsExactly(new DiscontinueProcedureStepCommand(ORDER, STEP,
                    "patient left"));
        }

        @Test
        void staysInProgressWhenTheOrderRefusesTheCompletion() {
            orderRefuses = new CommandRefusedException(RefusalCode.ILLEGAL_TRANSITION, "not the step in progress");
            fixture.given(SCHEDULED_STARTED)
                    .when(update(PerformedStepStatus.COMPLETED))
                    .expectException(CommandRefusedException.class).expectNoEvents();
        }

        @Test
        void anUpdateInProgressChangesNothing() {
            fixture.given(SCHEDULED_STARTED)
                    .when(update(PerformedStepStatus.IN_PROGRESS))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(SCHEDULED_STARTED)
                    .when(update(null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            assertThat(toldTheOrder).isEmpty();
        }

        @Test
        void aCompletedStepMayNoLongerBeUpdated() {
            fixture.given(SCHEDULED_STARTED, new PerformedProcedureStepCompletedEvent(STEP, ORDER, List.of()))
                    .when(update(PerformedStepStatus.DISCONTINUED))
                    .expectException(refusal(RefusalCode.ILLEGAL_TRANSITION, "may no longer be updated"))
                    .expectNoEvents();
            assertThat(toldTheOrder).isEmpty();
        }

        @Test
        void aDiscontinuedStepMayNoLongerBeUpdated() {
            fixture.given(SCHEDULED_STARTED, new PerformedProcedureStepDiscontinuedEvent(STEP, ORDER, null))
                    .when(update(PerformedStepStatus.COMPLETED))
                    .expectException(CommandRefusedException.class).expectNoEvents();
            assertThat(toldTheOrder).isEmpty();
        }
    }

    @Nested
    class AnUnscheduledStep {

        @Test
        void isRecordedForTheStudyWhenNoOrderAwaitsIt() {
            fixture.givenNoPriorActivity()
                    .when(start(UNKNOWN_ACCESSION))
                    .expectEvents(UNSCHEDULED_STARTED);
            assertThat(toldTheOrder).isEmpty();
        }

        @Test
        void needsAStudy() {
            fixture.givenNoPriorActivity()
                    .when(start(new ScheduledStepReference("NOSUCH", null, null, null)))
                    .expectException(refusal(RefusalCode.INVALID, "no scheduled procedure step"))
                    .expectNoEvents();
        }

        @Test
        void aRepeatedStartForTheSameStudyChangesNothing() {
            fixture.given(UNSCHEDULED_STARTED)
                    .when(start(UNKNOWN_ACCESSION))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aStartForAnotherStudyIsRefused() {
            fixture.given(UNSCHEDULED_STARTED)
                    .when(start(new ScheduledStepReference(null, "2.25.999", null, null)))
                    .expectException(CommandRefusedException.class).expectNoEvents();
        }

        @Test
        void completesWithItsSeries() {
            fixture.given(UNSCHEDULED_STARTED)
                    .when(update(PerformedStepStatus.COMPLETED, STUDY + ".1"))
                    .expectEvents(new UnscheduledProcedureStepCompletedEvent(STEP, STUDY, List.of(STUDY + ".1")));
            assertThat(toldTheOrder).isEmpty();
        }

        @Test
        void discontinuesWithItsReason() {
            fixture.given(UNSCHEDULED_STARTED)
                    .when(update(PerformedStepStatus.DISCONTINUED))
                    .expectEvents(new UnscheduledProcedureStepDiscontinuedEvent(STEP, STUDY, "patient left"));
        }

        @Test
        void aFinishedStepMayNoLongerBeUpdated() {
            fixture.given(UNSCHEDULED_STARTED, new UnscheduledProcedureStepCompletedEvent(STEP, STUDY, List.of()))
                    .when(update(PerformedStepStatus.DISCONTINUED))
                    .expectException(refusal(RefusalCode.ILLEGAL_TRANSITION, "may no longer be updated"))
                    .expectNoEvents();
        }
    }

    @Test
    void anUpdateOfAStepNeverStartedIsUnknownAndCreatesNothing() {
        fixture.givenNoPriorActivity()
                .when(update(PerformedStepStatus.COMPLETED))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.UNKNOWN, "no performed procedure step " + STEP));
    }
}
