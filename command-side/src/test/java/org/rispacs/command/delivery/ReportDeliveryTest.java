package org.rispacs.command.delivery;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ReportDeliveredEvent;
import org.rispacs.api.delivery.ReportDeliveryAttemptedEvent;
import org.rispacs.api.delivery.ReportDeliveryFailedEvent;
import org.rispacs.api.delivery.ReportDeliveryRetryDueEvent;
import org.rispacs.api.delivery.ReportDeliveryScheduledEvent;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;

class ReportDeliveryTest {

    static final String ID = "r1/EHR/0";
    static final ReportDeliveryScheduledEvent SCHEDULED = new ReportDeliveryScheduledEvent(ID, "r1", "order-1", "EHR",
            ResultStatus.FINAL);
    static final DeliveryRetryPolicy POLICY = new DeliveryRetryPolicy(3, Duration.ofSeconds(10), 2,
            Duration.ofMinutes(5));

    private FixtureConfiguration<ReportDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportDelivery.class);
        fixture.registerInjectableResource(POLICY);
    }

    @Test
    void schedulesOnceEvenIfAskedTwice() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleReportDeliveryCommand(ID, "r1", "order-1", "EHR", ResultStatus.FINAL))
                .expectEvents(SCHEDULED);
        fixture.given(SCHEDULED)
                .when(new ScheduleReportDeliveryCommand(ID, "r1", "order-1", "EHR", ResultStatus.FINAL))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anAcceptAcknowledgementDelivers() {
        fixture.given(SCHEDULED)
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectEvents(new ReportDeliveryAttemptedEvent(ID, 1, true, "AA", null),
                        new ReportDeliveredEvent(ID, "r1", "EHR", "AA"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheBackOff() {
        fixture.given(SCHEDULED)
                .when(new RecordDeliveryAttemptCommand(ID, 1, false, "AE", "application error"))
                .expectEvents(new ReportDeliveryAttemptedEvent(ID, 1, false, "AE", "application error"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), ReportDelivery.RETRY_DEADLINE);
    }

    @Test
    void whenTheBackOffHasPassedTheNextAttemptIsDue() {
        fixture.given(SCHEDULED)
                .andGivenCommands(new RecordDeliveryAttemptCommand(ID, 1, false, null, "connection refused"))
                .whenTimeElapses(Duration.ofSeconds(11))
                .expectEvents(new ReportDeliveryRetryDueEvent(ID, 2));
    }

    @Test
    void theBackOffGrowsAndIsCapped() {
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void failsWhenThePolicyIsExhausted() {
        fixture.given(SCHEDULED, new ReportDeliveryRetryDueEvent(ID, 2), new ReportDeliveryRetryDueEvent(ID, 3))
                .when(new RecordDeliveryAttemptCommand(ID, 3, false, null, "read timed out"))
                .expectEvents(new ReportDeliveryAttemptedEvent(ID, 3, false, null, "read timed out"),
                        new ReportDeliveryFailedEvent(ID, "r1", "EHR", 3, "read timed out"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void outcomesOfOtherAttemptsOrAfterTheEndAreIgnored() {
        fixture.given(SCHEDULED, new ReportDeliveryRetryDueEvent(ID, 2))
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(SCHEDULED, new ReportDeliveredEvent(ID, "r1", "EHR", "AA"))
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectNoEvents();
    }
}
