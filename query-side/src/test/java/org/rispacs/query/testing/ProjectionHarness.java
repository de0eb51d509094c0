package org.rispacs.query.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Feeds events to a projection as Axon does (through its annotated handlers, with the message's
 * timestamp and metadata resolved for {@code @Timestamp} and {@code EventMessage} parameters),
 * and keeps the stream so that it can be replayed: again over the documents it left, or after the
 * projection's reset handler, as a rebuild does.
 */
public final class ProjectionHarness {

    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final List<EventMessage<?>> stream = new ArrayList<>();
    private Instant clock = Instant.parse("2026-12-07T08:00:00Z");

    /** Projections of one processing group, handed every event in the order given. */
    public ProjectionHarness(Object... projections) {
        for (Object projection : projections) {
            this.projections.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    /** The instant the next event gets (each event one minute after the one before). */
    public Instant now() {
        return clock;
    }

    /** Publishes {@code payload} at the next minute, with no metadata. */
    public EventMessage<?> publish(Object payload) {
        return publish(new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.emptyInstance(),
                clock));
    }

    /** Publishes {@code payload} as the event {@code sequence} of aggregate {@code aggregateId}. */
    public EventMessage<?> publish(String aggregateId, long sequence, Object payload, Map<String, ?> metaData) {
        return publish(new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, payload,
                MetaData.from(metaData), UUID.randomUUID().toString(), clock));
    }

    private EventMessage<?> publish(EventMessage<?> message) {
        stream.add(message);
        clock = clock.plus(Duration.ofMinutes(1));
        handle(message);
        return message;
    }

    /** Hands every event published so far to the projections once more, over what they left. */
    public void replayOver() {
        List.copyOf(stream).forEach(this::handle);
    }

    /** Resets the projections (their {@code @ResetHandler}) and hands them every event published so far. */
    public void rebuild() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
        replayOver();
    }

    private void handle(EventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException("projection failed on " + message.getPayloadType().getSimpleName(), e);
            }
        }
    }
}
