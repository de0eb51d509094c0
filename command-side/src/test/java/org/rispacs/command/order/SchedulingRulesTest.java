package org.rispacs.command.order;

import static org.hamcrest.Matchers.containsString;
import static org.rispacs.command.order.ImagingOrderTest.ACCESSION;
import static org.rispacs.command.order.ImagingOrderTest.NINE;
import static org.rispacs.command.order.ImagingOrderTest.ORDER;
import static org.rispacs.command.order.ImagingOrderTest.PLACED;
import static org.rispacs.command.order.ImagingOrderTest.SCHEDULED;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ScheduleProcedureCommand;

/** A CT order (placed, scheduled at NINE on CT1) moved in time and between rooms. */
class SchedulingRulesTest {

    /** Rules under which every date the order tests use is in the future, and no station is configured. */
    static final SchedulingRules BEFORE_ANY_TEST_DATE = rulesAt(LocalDateTime.of(2000, 1, 1, 0, 0));

    /** Half an hour after the scheduled start: the patient has been waiting. */
    private static final LocalDateTime NOW = NINE.plusMinutes(30);

    private FixtureConfiguration<ImagingOrder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImagingOrder.class);
        fixture.registerInjectableResource((ProcedureIdentifiers) () ->
                new ProcedureIdentifiers.Scheduled("RP1", "SPS1", "2.25.1"));
        fixture.registerInjectableResource((StudyInstanceUids) (uid, order) -> true);
        fixture.registerInjectableResource(rulesAt(NOW));
    }

    private static SchedulingRules rulesAt(LocalDateTime now) {
        return SchedulingRules.of(Clock.fixed(now.toInstant(ZoneOffset.UTC), ZoneOffset.UTC), Duration.ofMinutes(15),
                Map.of("CT1", "CT", "ct2", "ct", "US1", "US"));
    }

    @Test
    void aMoveIntoThePastBeyondTheToleranceIsRefused() {
        fixture.given(PLACED, ACCESSION, SCHEDULED)
                .when(new ScheduleProcedureCommand(ORDER, NOW.minusDays(1), "CT1", "CT room 1", "Radiology"))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("in the past"));
    }

    @Test
    void aMoveWithinTheToleranceOrIntoTheFutureIsAccepted() {
        fixture.given(PLACED, ACCESSION, SCHEDULED)
                .when(new ScheduleProcedureCommand(ORDER, NOW.minusMinutes(10), "CT1", "CT room 1", "Radiology"))
                .expectEvents(new ProcedureRescheduledEvent(ORDER, NOW.minusMinutes(10), "CT1", "CT room 1",
                        "Radiology"));
        fixture.given(PLACED, ACCESSION, SCHEDULED)
                .when(new ScheduleProcedureCommand(ORDER, NOW.plusDays(1), "CT2", "CT room 2", "Radiology"))
                .expectEvents(new ProcedureRescheduledEvent(ORDER, NOW.plusDays(1), "CT2", "CT room 2",
                        "Radiology"));
    }

    @Test
    void aStepStartedLongAgoMayChangeRoomWithoutMovingInTime() {
        fixture.given(PLACED, ACCESSION, SCHEDULED)
                .when(new ScheduleProcedureCommand(ORDER, NINE, "CT2", "CT room 2", "Radiology"))
                .expectEvents(new ProcedureRescheduledEvent(ORDER, NINE, "CT2", "CT room 2", "Radiology"));
    }

    @Test
    void aRoomOfAnotherModalityIsRefused() {
        fixture.given(PLACED, ACCESSION, SCHEDULED)
                .when(new ScheduleProcedureCommand(ORDER, NOW.plusHours(1), "US1", "US room 1", "Radiology"))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("US1 is a US room"));
        fixture.given(PLACED, ACCESSION)
                .when(new ScheduleProcedureCommand(ORDER, NOW.plusHours(1), "us1", null, null))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void aRoomNotConfiguredTakesAnyModality() {
        fixture.given(PLACED, ACCESSION)
                .when(new ScheduleProcedureCommand(ORDER, NOW.plusHours(1), "MOBILE1", null, null))
                .expectEvents(new ProcedureScheduledEvent(ORDER, "TEST1", "RP1", "SPS1", "2.25.1", NOW.plusHours(1),
                        "MOBILE1", null, null));
    }
}
