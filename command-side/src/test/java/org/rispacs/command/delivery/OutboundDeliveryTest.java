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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;

/**
 * A report version (ORU^R01), a charge (DFT^P03) or a FHIR notification on its way to one destination,
 * tracked to its acknowledgement.
 */
class OutboundDeliveryTest {

    static final DeliveryRetryPolicy POLICY = new DeliveryRetryPolicy(3, Duration.ofSeconds(10), 2,
            Duration.ofMinutes(5));
    private static final String EVERY_KIND = "org.rispacs.command.delivery.DeliveryCase#everyKind";

    private FixtureConfiguration<OutboundDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OutboundDelivery.class);
        fixture.registerInjectableResource(POLICY);
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void schedulesOnceEvenIfAskedTwice(DeliveryCase delivery) {
        fixture.givenNoPriorActivity()
                .when(delivery.schedule())
                .expectEvents(delivery.scheduled());
        fixture.given(delivery.scheduled())
                .when(delivery.schedule())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void anAcceptAcknowledgementDelivers(DeliveryCase delivery) {
        fixture.given(delivery.scheduled())
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 1, true, "AA", null))
                .expectEvents(new DeliveryAttemptedEvent(delivery.id(), 1, true, "AA", null), delivery.delivered("AA"))
                .expectNoScheduledDeadlines();
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void aFailedAttemptIsRetriedAfterTheBackOff(DeliveryCase delivery) {
        fixture.given(delivery.scheduled())
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 1, false, "AE", "application error"))
                .expectEvents(new DeliveryAttemptedEvent(delivery.id(), 1, false, "AE", "application error"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), OutboundDelivery.RETRY_DEADLINE);
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void whenTheBackOffHasPassedTheNextAttemptIsDue(DeliveryCase delivery) {
        fixture.given(delivery.scheduled())
                .andGivenCommands(new RecordDeliveryAttemptCommand(delivery.id(), 1, false, null, "connection refused"))
                .whenTimeElapses(Duration.ofSeconds(11))
                .expectEvents(delivery.retryDue(2));
    }

    @Test
    void theRetryIsRecordedAsTheSystemsOwnOnBehalfOfTheInterfaceWhoseAttemptFailed() {
        DeliveryCase delivery = DeliveryCase.REPORT;
        fixture.given(delivery.scheduled())
                .andGivenCommands(GenericCommandMessage.asCommandMessage(
                        new RecordDeliveryAttemptCommand(delivery.id(), 1, false, null, "connection refused"))
                        .andMetaData(Map.of(
                                AuditMetadata.ACTOR, "hl7:RISPACS/RISPACS", AuditMetadata.CHANNEL, "hl7",
                                AuditMetadata.SOURCE, "ORU^R01 MSH-10 R1", "correlationId", "c-1")))
                .whenTimeElapses(Duration.ofSeconds(11))
                .expectEventsMatching(exactSequenceOf(predicate((EventMessage<?> event) ->
                        event.getPayload().equals(delivery.retryDue(2))
                                && event.getMetaData().entrySet().containsAll(Map.of(
                                AuditMetadata.ACTOR, "hl7:RISPACS/RISPACS", AuditMetadata.CHANNEL, "system",
                                AuditMetadata.SOURCE, "retry of " + delivery.id() + " after attempt 1 was not accepted",
                                "correlationId", "c-1").entrySet())),
                        andNoMore()));
    }

    @Test
    void theBackOffGrowsAndIsCapped() {
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        org.assertj.core.api.Assertions.assertThat(POLICY.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void failsWhenThePolicyIsExhausted(DeliveryCase delivery) {
        fixture.given(delivery.scheduled(), delivery.retryDue(2), delivery.retryDue(3))
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 3, false, null, "read timed out"))
                .expectEvents(new DeliveryAttemptedEvent(delivery.id(), 3, false, null, "read timed out"),
                        delivery.failed(3, "read timed out"))
                .expectNoScheduledDeadlines();
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void outcomesOfOtherAttemptsOrAfterTheEndAreIgnored(DeliveryCase delivery) {
        fixture.given(delivery.scheduled(), delivery.retryDue(2))
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 1, true, "AA", null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(delivery.scheduled(), delivery.retryDue(2))
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 1, false, "AE", "late"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(delivery.scheduled(), delivery.delivered("AA"))
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 1, true, "AA", null))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void aDuplicatedOutcomeOfTheCurrentAttemptIsIgnored(DeliveryCase delivery) {
        fixture.given(delivery.scheduled(),
                        new DeliveryAttemptedEvent(delivery.id(), 1, false, "AE", "application error"))
                .when(new RecordDeliveryAttemptCommand(delivery.id(), 1, false, "AE", "application error"))
                .expectSuccessfulHandlerExecution().expectNoEvents().expectNoScheduledDeadlines();
    }

    @ParameterizedTest
    @MethodSource(EVERY_KIND)
    void answersTheAttemptDueUntilItsOutcomeIsRecorded(DeliveryCase delivery) {
        DeliveryAttemptedEvent failed = new DeliveryAttemptedEvent(delivery.id(), 1, false, "AE", "application error");
        fixture.given(delivery.scheduled())
                .when(new FindDueDeliveryAttemptCommand(delivery.id()))
                .expectResultMessagePayload(delivery.due(1))
                .expectNoEvents();
        fixture.given(delivery.scheduled(), failed)
                .when(new FindDueDeliveryAttemptCommand(delivery.id()))
                .expectResultMessagePayload(null);
        fixture.given(delivery.scheduled(), failed, delivery.retryDue(2))
                .when(new FindDueDeliveryAttemptCommand(delivery.id()))
                .expectResultMessagePayload(delivery.due(2));
        fixture.given(delivery.scheduled(), delivery.delivered("AA"))
                .when(new FindDueDeliveryAttemptCommand(delivery.id()))
                .expectResultMessagePayload(null);
    }
}
