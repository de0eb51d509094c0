package org.rispacs.command.delivery;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;

/** A report version (ORU^R01) on its way to one destination, tracked to its acknowledgement. */
class ReportDeliveryTest {

    static final String ID = "r1/EHR/0";
    static final DeliveryScheduledEvent SCHEDULED = new DeliveryScheduledEvent(ID, DeliveryKind.REPORT_RESULT, "EHR",
            "order-1", "r1", ResultStatus.FINAL, null);
    static final DeliveryRetryDueEvent RETRY_2 = new DeliveryRetryDueEvent(ID, DeliveryKind.REPORT_RESULT, 2);
    static final DeliveryRetryDueEvent RETRY_3 = new DeliveryRetryDueEvent(ID, DeliveryKind.REPORT_RESULT, 3);
    static final DeliveryRetryPolicy POLICY = new DeliveryRetryPolicy(3, Duration.ofSeconds(10), 2,
            Duration.ofMinutes(5));

    private FixtureConfiguration<OutboundDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OutboundDelivery.class);
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
                .expectEvents(new DeliveryAttemptedEvent(ID, 1, true, "AA", null),
                        new DeliveredEvent(ID, DeliveryKind.REPORT_RESULT, "r1", "EHR", "AA"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheBackOff() {
        fixture.given(SCHEDULED)
                .when(new RecordDeliveryAttemptCommand(ID, 1, false, "AE", "application error"))
                .expectEvents(new DeliveryAttemptedEvent(ID, 1, false, "AE", "application error"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), OutboundDelivery.RETRY_DEADLINE);
    }

    @Test
    void whenTheBackOffHasPassedTheNextAttemptIsDue() {
        fixture.given(SCHEDULED)
                .andGivenCommands(new RecordDeliveryAttemptCommand(ID, 1, false, null, "connection refused"))
                .whenTimeElapses(Duration.ofSeconds(11))
                .expectEvents(new DeliveryRetryDueEvent(ID, DeliveryKind.REPORT_RESULT, 2));
    }

    @Test
    void theRetryIsRecordedAsTheSystemsOwnOnBehalfOfTheInterfaceWhoseAttemptFailed() {
        fixture.given(SCHEDULED)
                .andGivenCommands(GenericCommandMessage.asCommandMessage(
                        new RecordDeliveryAttemptCommand(ID, 1, false, null, "connection refused")).andMetaData(Map.of(
                        AuditMetadata.ACTOR, "hl7:RISPACS/RISPACS", AuditMetadata.CHANNEL, "hl7",
                        AuditMetadata.SOURCE, "ORU^R01 MSH-10 R1", "correlationId", "c-1")))
                .whenTimeElapses(Duration.ofSeconds(11))
                .expectEventsMatching(exactSequenceOf(predicate((EventMessage<?> event) ->
                        event.getPayload().equals(new DeliveryRetryDueEvent(ID, DeliveryKind.REPORT_RESULT, 2))
                                && event.getMetaData().entrySet().containsAll(Map.of(
                                AuditMetadata.ACTOR, "hl7:RISPACS/RISPACS", AuditMetadata.CHANNEL, "system",
                                AuditMetadata.SOURCE, "retry of " + ID + " after attempt 1 was not accepted",
                                "correlationId", "c-1").entrySet())),
                        andNoMore()));
    }

    @Test
    void theBackOffGrowsAndIsCapped() {
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void failsWhenThePolicyIsExhausted() {
        fixture.given(SCHEDULED, RETRY_2, RETRY_3)
                .when(new RecordDeliveryAttemptCommand(ID, 3, false, null, "read timed out"))
                .expectEvents(new DeliveryAttemptedEvent(ID, 3, false, null, "read timed out"),
                        new DeliveryFailedEvent(ID, DeliveryKind.REPORT_RESULT, "r1", "EHR", 3, "read timed out"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void outcomesOfOtherAttemptsOrAfterTheEndAreIgnored() {
        fixture.given(SCHEDULED, new DeliveryRetryDueEvent(ID, DeliveryKind.REPORT_RESULT, 2))
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(SCHEDULED, new DeliveredEvent(ID, DeliveryKind.REPORT_RESULT, "r1", "EHR", "AA"))
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectNoEvents();
    }

    @Test
    void aDuplicatedOutcomeOfTheCurrentAttemptIsIgnored() {
        fixture.given(SCHEDULED, new DeliveryAttemptedEvent(ID, 1, false, "AE", "application error"))
                .when(new RecordDeliveryAttemptCommand(ID, 1, false, "AE", "application error"))
                .expectSuccessfulHandlerExecution().expectNoEvents().expectNoScheduledDeadlines();
    }

    @Test
    void answersTheAttemptDueUntilItsOutcomeIsRecorded() {
        DeliveryAttemptedEvent failed = new DeliveryAttemptedEvent(ID, 1, false, "AE", "application error");
        fixture.given(SCHEDULED)
                .when(new FindDueDeliveryAttemptCommand(ID))
                .expectResultMessagePayload(new DueDeliveryAttempt(ID, 1, DeliveryKind.REPORT_RESULT, "EHR",
                        "order-1", "r1", ResultStatus.FINAL, null))
                .expectNoEvents();
        fixture.given(SCHEDULED, failed)
                .when(new FindDueDeliveryAttemptCommand(ID))
                .expectResultMessagePayload(null);
        fixture.given(SCHEDULED, failed, new DeliveryRetryDueEvent(ID, DeliveryKind.REPORT_RESULT, 2))
                .when(new FindDueDeliveryAttemptCommand(ID))
                .expectResultMessagePayload(new DueDeliveryAttempt(ID, 2, DeliveryKind.REPORT_RESULT, "EHR",
                        "order-1", "r1", ResultStatus.FINAL, null));
        fixture.given(SCHEDULED, new DeliveredEvent(ID, DeliveryKind.REPORT_RESULT, "r1", "EHR", "AA"))
                .when(new FindDueDeliveryAttemptCommand(ID))
                .expectResultMessagePayload(null);
    }
}
