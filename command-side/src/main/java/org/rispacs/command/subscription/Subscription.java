package org.rispacs.command.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.subscription.CreateSubscriptionCommand;
import org.rispacs.api.subscription.DeleteSubscriptionCommand;
import org.rispacs.api.subscription.NotifySubscriptionCommand;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionCreatedEvent;
import org.rispacs.api.subscription.SubscriptionDeletedEvent;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * A FHIR client's subscription to a topic (R4 Subscriptions Backport IG): it numbers the
 * notifications triggered for it, each delivered as a tracked delivery of its own. Its state stays
 * the same size however many notifications it had, and it is snapshotted (see
 * {@value #SNAPSHOT_TRIGGER}), so that loading it does not read every notification ever triggered.
 * The snapshot is the aggregate serialized by field, hence the Jackson annotation.
 */
@Aggregate(snapshotTriggerDefinition = Subscription.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Subscription {

    /** The name of the snapshot trigger bean the application defines for this aggregate. */
    static final String SNAPSHOT_TRIGGER = "subscriptionSnapshotTrigger";
    /**
     * How far behind the highest trigger a new one may come. Events reach the trigger processor in
     * the order of their global positions only as far as they commit in that order: one committed
     * late (a gap) comes after those above it, up to Axon's maximum gap offset (10,000 positions
     * by default) behind them. A trigger further back is a replay.
     */
    static final long LATE_TRIGGER_WINDOW = 10_000;
    private static final Set<String> CONTENT_TYPES = Set.of("application/fhir+json", "application/fhir+xml");

    @AggregateIdentifier
    private String subscriptionId;
    private SubscriptionTopic topic;
    private Instant end;
    private boolean deleted;
    private long lastEventNumber;
    private long highestTriggerPosition = -1;
    /** The triggers notified within {@link #LATE_TRIGGER_WINDOW} of the highest one. */
    private TreeSet<Long> recentTriggerPositions = new TreeSet<>();

    Subscription() {
        // rebuilt from events or from a snapshot
    }

    /** A new subscription; an id already used (even by a deleted one) is refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateSubscriptionCommand command) {
        require(subscriptionId == null, RefusalCode.ILLEGAL_TRANSITION,
                "subscription " + command.subscriptionId() + " exists already");
        requireText(command.subscriptionId(), "the subscription id");
        require(command.topic() != null, RefusalCode.INVALID, "the topic is required");
        SubscriptionChannel channel = command.channel();
        require(channel != null, RefusalCode.INVALID, "the channel is required");
        requireRestHookEndpoint(channel.endpoint());
        require(channel.payload() != null, RefusalCode.INVALID, "the payload content is required");
        require(channel.contentType() != null && CONTENT_TYPES.contains(channel.contentType()), RefusalCode.INVALID,
                "the content type must be application/fhir+json or application/fhir+xml, not "
                        + channel.contentType());
        require(command.end() == null || command.end().isAfter(now()), RefusalCode.INVALID,
                "the end " + command.end() + " is not in the future");
        apply(new SubscriptionCreatedEvent(command.subscriptionId(), command.topic(), command.patientId(), channel,
                command.reason(), command.end()));
    }

    /** Deleting a deleted subscription changes nothing; one never created is UNKNOWN. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeleteSubscriptionCommand command) {
        requireKnown(command.subscriptionId());
        if (!deleted) {
            apply(new SubscriptionDeletedEvent(subscriptionId));
        }
    }

    /**
     * Numbers the next notification. A trigger already notified, or further behind the highest one
     * than a late event can come ({@link #LATE_TRIGGER_WINDOW}), is a repetition (a replayed or
     * redelivered event) and changes nothing; so does a trigger for a subscription deleted or ended
     * meanwhile, since whoever sent it looked before the deletion or the end.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifySubscriptionCommand command) {
        requireKnown(command.subscriptionId());
        requireText(command.focusId(), "the focus");
        long position = command.triggerPosition();
        if (deleted || ended() || position <= highestTriggerPosition - LATE_TRIGGER_WINDOW
                || recentTriggerPositions.contains(position)) {
            return;
        }
        long eventNumber = lastEventNumber + 1;
        apply(new SubscriptionNotificationTriggeredEvent(subscriptionId,
                new SubscriptionNotification(subscriptionId, eventNumber, topic, command.focusId()),
                command.triggerPosition()));
    }

    private void requireKnown(String askedFor) {
        require(subscriptionId != null, RefusalCode.UNKNOWN, "no subscription " + askedFor);
    }

    private static void requireRestHookEndpoint(String endpoint) {
        requireText(endpoint, "the channel endpoint");
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        require(uri != null && uri.isAbsolute() && uri.getHost() != null
                        && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())),
                RefusalCode.INVALID, "the channel endpoint must be an absolute http or https URL, not " + endpoint);
    }

    private boolean ended() {
        return end != null && !end.isAfter(now());
    }

    /** Axon's clock, which the test fixtures set. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(SubscriptionCreatedEvent event) {
        subscriptionId = event.subscriptionId();
        topic = event.topic();
        end = event.end();
    }

    @EventSourcingHandler
    void on(SubscriptionDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(SubscriptionNotificationTriggeredEvent event) {
        lastEventNumber = event.notification().eventNumber();
        highestTriggerPosition = Math.max(highestTriggerPosition, event.triggerPosition());
        recentTriggerPositions.add(event.triggerPosition());
        recentTriggerPositions.headSet(highestTriggerPosition - LATE_TRIGGER_WINDOW, true).clear();
    }
}
