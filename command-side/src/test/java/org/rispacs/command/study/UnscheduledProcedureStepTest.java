package org.rispacs.command.study;

import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.StartUnscheduledProcedureStepCommand;
import org.rispacs.api.study.UnscheduledProcedureStepCompletedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepDiscontinuedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;
import org.rispacs.api.study.UpdateUnscheduledProcedureStepCommand;

class UnscheduledProcedureStepTest {

    static final String STEP = "2.25.500";
    static final String STUDY = "2.25.501";
    static final LocalDateTime AT = LocalDateTime.of(2027, 3, 1, 8, 30);
    static final ReceivedStudyAttributes AS_SENT = new ReceivedStudyAttributes("P9", "HOSP", "DOE^JOHN", null, "CT",
            "CT head");
    static final UnscheduledProcedureStepStartedEvent STARTED = new UnscheduledProcedureStepStartedEvent(STEP, STUDY,
            "CT1", AT, AS_SENT);

    private FixtureConfiguration<UnscheduledProcedureStep> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UnscheduledProcedureStep.class);
    }

    @Test
    void startsOnceForItsStudy() {
        fixture.givenNoPriorActivity()
                .when(new StartUnscheduledProcedureStepCommand(STEP, STUDY, "CT1", AT, AS_SENT))
                .expectEvents(STARTED);
    }

    @Test
    void aRepeatedStartChangesNothing() {
        fixture.given(STARTED)
                .when(new StartUnscheduledProcedureStepCommand(STEP, STUDY, "CT1", AT, AS_SENT))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aStartForAnotherStudyIsRefused() {
        fixture.given(STARTED)
                .when(new StartUnscheduledProcedureStepCommand(STEP, "2.25.999", "CT1", AT, AS_SENT))
                .expectException(CommandRefusedException.class).expectNoEvents();
    }

    @Test
    void aStartNeedsTheStudy() {
        fixture.givenNoPriorActivity()
                .when(new StartUnscheduledProcedureStepCommand(STEP, null, "CT1", AT, AS_SENT))
                .expectException(CommandRefusedException.class);
    }

    @Test
    void completesWithItsSeries() {
        fixture.given(STARTED)
                .when(new UpdateUnscheduledProcedureStepCommand(STEP, "COMPLETED", List.of("2.25.501.1"), null))
                .expectEvents(new UnscheduledProcedureStepCompletedEvent(STEP, STUDY, List.of("2.25.501.1")));
    }

    @Test
    void discontinuesWithItsReason() {
        fixture.given(STARTED)
                .when(new UpdateUnscheduledProcedureStepCommand(STEP, "DISCONTINUED", List.of(), "patient left"))
                .expectEvents(new UnscheduledProcedureStepDiscontinuedEvent(STEP, STUDY, "patient left"));
    }

    @Test
    void anUpdateInProgressChangesNothing() {
        fixture.given(STARTED)
                .when(new UpdateUnscheduledProcedureStepCommand(STEP, "IN PROGRESS", List.of(), null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aFinishedStepMayNoLongerBeUpdated() {
        fixture.given(STARTED, new UnscheduledProcedureStepCompletedEvent(STEP, STUDY, List.of()))
                .when(new UpdateUnscheduledProcedureStepCommand(STEP, "DISCONTINUED", List.of(), null))
                .expectException(CommandRefusedException.class).expectNoEvents();
    }

    @Test
    void anUnknownStatusIsRefused() {
        fixture.given(STARTED)
                .when(new UpdateUnscheduledProcedureStepCommand(STEP, "PAUSED", List.of(), null))
                .expectException(CommandRefusedException.class);
    }
}
