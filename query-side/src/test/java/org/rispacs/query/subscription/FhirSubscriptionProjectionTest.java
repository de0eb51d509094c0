package org.rispacs.query.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionCreatedEvent;
import org.rispacs.api.subscription.SubscriptionDeletedEvent;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class FhirSubscriptionProjectionTest {

    private static final SubscriptionChannel CHANNEL = new SubscriptionChannel("https://ehr.example/hook",
            List.of("Authorization: Bearer abc"), "application/fhir+json", SubscriptionPayload.ID_ONLY);
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private ProjectionHarness events;
    private InMemoryReadModelIndex subscriptions;
    private long sequence;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new FhirSubscriptionProjection(indexes, emitter));
        subscriptions = indexes.index(FhirSubscriptionProjection.SUBSCRIPTIONS);
    }

    @Test
    void aCreatedSubscriptionIsActiveWithAllItWasCreatedWith() {
        Instant createdAt = events.now();
        created("s1", "pat-1");

        FhirSubscription subscription = subscription("s1");
        assertThat(subscription).isEqualTo(new FhirSubscription("s1", SubscriptionTopic.REPORT_FINALIZED, "pat-1",
                CHANNEL, "for the EHR", END, FhirSubscriptionStatus.ACTIVE, 0, null, 1, createdAt));
    }

    @Test
    void eachTriggeredNotificationCountsAndIsAVersionWhichAReplayDoesNotChange() {
        created("s1", null);
        triggered("s1", 1);
        Instant lastChange = events.now();
        triggered("s1", 2);

        events.replayOver();

        FhirSubscription subscription = subscription("s1");
        assertThat(subscription.eventsSinceStart()).isEqualTo(2);
        assertThat(subscription.version()).isEqualTo(3);
        assertThat(subscription.lastUpdated()).isEqualTo(lastChange);
        assertThat(subscription.status()).isEqualTo(FhirSubscriptionStatus.ACTIVE);

        events.rebuild();
        assertThat(subscription("s1")).isEqualTo(subscription);
    }

    @Test
    void aNotificationThatFailedForGoodPutsTheSubscriptionInErrorUntilALaterOneIsDelivered() {
        created("s1", null);
        triggered("s1", 1);
        triggered("s1", 2);
        events.publish(failed("s1", 1, "HTTP 500 from https://ehr.example/hook"));

        FhirSubscription inError = subscription("s1");
        assertThat(inError.status()).isEqualTo(FhirSubscriptionStatus.ERROR);
        assertThat(inError.lastError()).isEqualTo("HTTP 500 from https://ehr.example/hook");
        assertThat(inError.version()).as("a delivery is not an event of the subscription").isEqualTo(3);

        events.publish(delivered("s1", 1));
        assertThat(subscription("s1").status()).as("the failed notification itself cannot be delivered later")
                .isEqualTo(FhirSubscriptionStatus.ERROR);

        events.publish(delivered("s1", 2));
        FhirSubscription recovered = subscription("s1");
        assertThat(recovered.status()).isEqualTo(FhirSubscriptionStatus.ACTIVE);
        assertThat(recovered.lastError()).isNull();

        events.rebuild();
        assertThat(subscription("s1")).isEqualTo(recovered);
    }

    @Test
    void aLaterFailureKeepsItsErrorWhenAnEarlierOneIsReportedAfterIt() {
        created("s1", null);
        triggered("s1", 1);
        triggered("s1", 2);
        events.publish(failed("s1", 2, "connection refused"));
        events.publish(failed("s1", 1, "read timed out"));

        assertThat(subscription("s1").lastError()).isEqualTo("connection refused");
        events.publish(delivered("s1", 2));
        assertThat(subscription("s1").status()).isEqualTo(FhirSubscriptionStatus.ERROR);
    }

    @Test
    void aDeletedSubscriptionIsOffAndStaysOffWhateverItsDeliveries() {
        created("s1", null);
        triggered("s1", 1);
        events.publish("s1", sequence++, new SubscriptionDeletedEvent("s1"), Map.of());
        events.publish(failed("s1", 1, "connection refused"));

        FhirSubscription deleted = subscription("s1");
        assertThat(deleted.status()).isEqualTo(FhirSubscriptionStatus.OFF);
        assertThat(deleted.lastError()).isNull();
        assertThat(deleted.version()).isEqualTo(3);
        assertThat(deleted.eventsSinceStart()).isEqualTo(1);
    }

    @Test
    void anEndedSubscriptionIsAnsweredOff() {
        created("s1", null);
        FhirSubscriptionDocument document = subscriptions.find("s1", FhirSubscriptionDocument.class);

        assertThat(document.answer(END.minusSeconds(1)).status()).isEqualTo(FhirSubscriptionStatus.ACTIVE);
        assertThat(document.answer(END).status()).isEqualTo(FhirSubscriptionStatus.OFF);
    }

    @Test
    void otherDeliveriesAndUnknownSubscriptionsChangeNothing() {
        created("s1", null);
        events.publish(new DeliveryFailedEvent("r1/s1/0", DeliveryKind.REPORT_RESULT, "r1", "s1", 3, "AE"));
        events.publish(failed("s9", 1, "connection refused"));
        events.publish("s9", 1, new SubscriptionDeletedEvent("s9"), Map.of());

        assertThat(subscription("s1").status()).isEqualTo(FhirSubscriptionStatus.ACTIVE);
        assertThat(subscriptions.find("s9")).isNull();
    }

    @Test
    void eachChangeIsSentToTheQueriesOnItsSubscriptionOnly() {
        List<FhirSubscription> updates = new ArrayList<>();
        emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(new FindFhirSubscriptionQuery("s1"),
                        ResponseTypes.optionalInstanceOf(FhirSubscription.class),
                        ResponseTypes.instanceOf(FhirSubscription.class)), 16)
                .getUpdates().subscribe(update -> updates.add((FhirSubscription) update.getPayload()));

        created("s1", null);
        sequence = 0;
        created("s2", null);
        sequence = 1;
        triggered("s1", 1);
        events.publish(failed("s1", 1, "connection refused"));

        assertThat(updates).extracting(FhirSubscription::subscriptionId).containsOnly("s1");
        assertThat(updates).extracting(FhirSubscription::version).containsExactly(1L, 2L, 2L);
        assertThat(updates).extracting(FhirSubscription::status).containsExactly(FhirSubscriptionStatus.ACTIVE,
                FhirSubscriptionStatus.ACTIVE, FhirSubscriptionStatus.ERROR);
    }

    private void created(String subscriptionId, String patientId) {
        events.publish(subscriptionId, sequence++, new SubscriptionCreatedEvent(subscriptionId,
                SubscriptionTopic.REPORT_FINALIZED, patientId, CHANNEL, "for the EHR", END), Map.of());
    }

    private void triggered(String subscriptionId, long eventNumber) {
        events.publish(subscriptionId, sequence++, new SubscriptionNotificationTriggeredEvent(subscriptionId,
                new SubscriptionNotification(subscriptionId, eventNumber, SubscriptionTopic.REPORT_FINALIZED,
                        "r" + eventNumber), 100 + eventNumber), Map.of());
    }

    private static DeliveryFailedEvent failed(String subscriptionId, long eventNumber, String error) {
        return new DeliveryFailedEvent(DeliveryIds.forNotification(subscriptionId, eventNumber),
                DeliveryKind.FHIR_NOTIFICATION, null, subscriptionId, 5, error);
    }

    private static DeliveredEvent delivered(String subscriptionId, long eventNumber) {
        return new DeliveredEvent(DeliveryIds.forNotification(subscriptionId, eventNumber),
                DeliveryKind.FHIR_NOTIFICATION, null, subscriptionId, "200");
    }

    private FhirSubscription subscription(String subscriptionId) {
        return subscriptions.find(subscriptionId, FhirSubscriptionDocument.class).answer(END.minusSeconds(60));
    }
}
