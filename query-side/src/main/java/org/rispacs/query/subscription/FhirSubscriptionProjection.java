package org.rispacs.query.subscription;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.api.subscription.SubscriptionCreatedEvent;
import org.rispacs.api.subscription.SubscriptionDeletedEvent;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The FHIR subscriptions as the FHIR edge shows them and finds those to notify, keyed by subscription id.
 * The version is the subscription aggregate's (its last event's sequence number plus one); the outcome of
 * its notifications' deliveries (of kind {@link DeliveryKind#FHIR_NOTIFICATION}, whose destination is the
 * subscription) sets the status: ERROR when one failed for good, ACTIVE again when a later one is delivered.
 * Each change is sent to the subscription queries on {@link FindFhirSubscriptionQuery}, so that the edge can
 * wait for its own write.
 */
@Component
@ProcessingGroup(FhirSubscriptionProjection.PROCESSING_GROUP)
class FhirSubscriptionProjection {

    static final String PROCESSING_GROUP = "fhir-subscriptions";
    static final String SUBSCRIPTIONS = "fhir-subscriptions";

    private final ReadModelIndex subscriptions;
    private final QueryUpdateEmitter updates;

    FhirSubscriptionProjection(ReadModelIndexes indexes, QueryUpdateEmitter updates) {
        this.subscriptions = indexes.prepare(PROCESSING_GROUP, SUBSCRIPTIONS);
        this.updates = updates;
    }

    @EventHandler
    void on(SubscriptionCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        var channel = event.channel();
        Map<String, Object> document = fields("subscriptionId", event.subscriptionId(), "topic", event.topic(),
                "patientId", event.patientId(), "endpoint", channel.endpoint(), "headers", channel.headers(),
                "contentType", channel.contentType(), "payload", channel.payload(), "reason", event.reason(),
                "end", event.end(), "status", FhirSubscriptionStatus.ACTIVE, "eventsSinceStart", 0L,
                "failedEventNumber", null, "lastError", null, "createdAt", when);
        document.putAll(version(sequence, when));
        subscriptions.put(event.subscriptionId(), subscriptions.asDocument(document));
        changed(event.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionDeletedEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        Map<String, Object> fields = fields("status", FhirSubscriptionStatus.OFF);
        fields.putAll(version(sequence, when));
        update(event.subscriptionId(), fields);
    }

    @EventHandler
    void on(SubscriptionNotificationTriggeredEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        Map<String, Object> fields = fields("eventsSinceStart", event.notification().eventNumber());
        fields.putAll(version(sequence, when));
        update(event.subscriptionId(), fields);
    }

    /** A notification never reached the endpoint: the subscription is in error, though still notified. */
    @EventHandler
    void on(DeliveryFailedEvent event) {
        if (event.kind() != DeliveryKind.FHIR_NOTIFICATION) {
            return;
        }
        FhirSubscriptionDocument known = subscriptions.find(event.destination(), FhirSubscriptionDocument.class);
        if (known == null || known.status() == FhirSubscriptionStatus.OFF) {
            return;
        }
        long failed = eventNumber(event.deliveryId());
        if (known.status() == FhirSubscriptionStatus.ERROR && known.failedEventNumber() != null
                && known.failedEventNumber() > failed) {
            return;
        }
        update(event.destination(), fields("status", FhirSubscriptionStatus.ERROR, "failedEventNumber", failed,
                "lastError", event.lastError()));
    }

    /** A notification after the one that failed reached the endpoint: the subscription works again. */
    @EventHandler
    void on(DeliveredEvent event) {
        if (event.kind() != DeliveryKind.FHIR_NOTIFICATION) {
            return;
        }
        FhirSubscriptionDocument known = subscriptions.find(event.destination(), FhirSubscriptionDocument.class);
        if (known == null || known.status() != FhirSubscriptionStatus.ERROR
                || known.failedEventNumber() != null && eventNumber(event.deliveryId()) <= known.failedEventNumber()) {
            return;
        }
        update(event.destination(), fields("status", FhirSubscriptionStatus.ACTIVE, "failedEventNumber", null,
                "lastError", null));
    }

    @ResetHandler
    void reset() {
        subscriptions.recreate();
    }

    private void update(String subscriptionId, Map<String, Object> fields) {
        if (subscriptions.find(subscriptionId) == null) {
            return;
        }
        subscriptions.upsert(subscriptionId, subscriptions.asDocument(fields));
        changed(subscriptionId);
    }

    private void changed(String subscriptionId) {
        subscriptions.refreshAfterBatch();
        FhirSubscriptionDocument document = subscriptions.find(subscriptionId, FhirSubscriptionDocument.class);
        updates.emit(FindFhirSubscriptionQuery.class, query -> subscriptionId.equals(query.subscriptionId()),
                document.answer(Instant.now()));
    }

    /** The notification's event number, the last part of its delivery id (see DeliveryIds.forNotification). */
    private static long eventNumber(String deliveryId) {
        String last = deliveryId.substring(deliveryId.lastIndexOf('/') + 1);
        return !last.isEmpty() && last.chars().allMatch(Character::isDigit) ? Long.parseLong(last) : 0;
    }

    /** The aggregate's version after this event (a replay passes every event again, so the last one wins). */
    private static Map<String, Object> version(long sequence, Instant when) {
        return fields("version", sequence + 1, "lastUpdated", when);
    }

    /** A partial document; unlike {@code Map.of} it takes null values, which clear a field. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
