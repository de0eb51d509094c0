package org.rispacs.command.delivery;

import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.delivery.ScheduleNotificationDeliveryCommand;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.rispacs.api.subscription.SubscriptionTopic;

class NotificationDistributionSagaTest {

    static final SubscriptionNotification SECOND = new SubscriptionNotification("s1", 2,
            SubscriptionTopic.STUDY_AVAILABLE, "1.2.3.4");
    static final SubscriptionNotificationTriggeredEvent TRIGGERED = new SubscriptionNotificationTriggeredEvent("s1",
            SECOND, 42);

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(NotificationDistributionSaga.class);
    }

    @Test
    void aTriggeredNotificationIsDeliveredToItsSubscriptionAndTheSagaEnds() {
        fixture.givenNoPriorActivity()
                .whenAggregate("s1").publishes(TRIGGERED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ScheduleNotificationDeliveryCommand("subscription/s1/2", SECOND));
    }

    @Test
    void aRepeatedTriggerAsksForTheSameDelivery() {
        fixture.givenAggregate("s1").published(TRIGGERED)
                .whenAggregate("s1").publishes(TRIGGERED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ScheduleNotificationDeliveryCommand("subscription/s1/2", SECOND));
    }
}
