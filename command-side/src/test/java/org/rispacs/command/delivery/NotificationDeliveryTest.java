package org.rispacs.command.delivery;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ScheduleNotificationDeliveryCommand;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * What only a FHIR subscription's notification asks of its delivery; the rest of its tracked delivery, shared
 * with reports and charges, is in {@link OutboundDeliveryTest}.
 */
class NotificationDeliveryTest {

    static final DeliveryCase NOTIFICATION = DeliveryCase.NOTIFICATION;

    private FixtureConfiguration<OutboundDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OutboundDelivery.class);
        fixture.registerInjectableResource(OutboundDeliveryTest.POLICY);
    }

    @Test
    void aNotificationWithItsSubscriptionAndFocusIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleNotificationDeliveryCommand(NOTIFICATION.id(), null))
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("the notification's focus is required").expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleNotificationDeliveryCommand(NOTIFICATION.id(),
                        new SubscriptionNotification("s1", 3, SubscriptionTopic.REPORT_FINALIZED, " ")))
                .expectExceptionMessage("the notification's focus is required").expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleNotificationDeliveryCommand(NOTIFICATION.id(),
                        new SubscriptionNotification(null, 3, SubscriptionTopic.REPORT_FINALIZED, "r1")))
                .expectExceptionMessage("the destination is required").expectNoEvents();
    }

    @Test
    void theNotificationGoesToItsSubscriptionWithoutOrderReportOrCharge() {
        fixture.givenNoPriorActivity()
                .when(NOTIFICATION.schedule())
                .expectEvents(NOTIFICATION.scheduled());
        org.assertj.core.api.Assertions.assertThat(NOTIFICATION.scheduled().destination()).isEqualTo("s1");
        org.assertj.core.api.Assertions.assertThat(NOTIFICATION.scheduled().orderId()).isNull();
    }

    @Test
    void anEndpointThatDoesNotAnswerTwoHundredIsRetriedAfterTheBackOff() {
        fixture.given(NOTIFICATION.scheduled())
                .when(new RecordDeliveryAttemptCommand(NOTIFICATION.id(), 1, false, null, "HTTP 503"))
                .expectEvents(new DeliveryAttemptedEvent(NOTIFICATION.id(), 1, false, null, "HTTP 503"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), OutboundDelivery.RETRY_DEADLINE);
    }
}
