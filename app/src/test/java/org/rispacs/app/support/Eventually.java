package org.rispacs.app.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Waiting, bounded, for what sagas, deadlines and projections do asynchronously: polls until the
 * condition holds, and fails with what it last saw.
 */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Eventually() {
    }

    /** Retries an assertion until it passes. */
    public static void eventually(Runnable assertion) {
        long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                pause();
            }
        }
    }

    /** Reads until the value satisfies the condition. */
    public static <T> T eventually(Supplier<T> read, Predicate<T> done) {
        long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
        T last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = read.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYetThere) {
                last = null;
            }
            pause();
        }
        throw new AssertionError("not reached within " + PATIENCE + "; last: " + last);
    }

    /** The first event of the type (and condition) in an aggregate's stream, once it is stored. */
    public static <T> T event(EventStore eventStore, String aggregateId, Class<T> type, Predicate<T> condition) {
        long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Optional<T> found = eventStore.readEvents(aggregateId).asStream()
                    .map(DomainEventMessage::getPayload)
                    .filter(type::isInstance).map(type::cast)
                    .filter(condition)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            pause();
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + aggregateId + " within " + PATIENCE
                + "; events: " + eventStore.readEvents(aggregateId).asStream()
                .map(DomainEventMessage::getPayloadType).map(Class::getSimpleName).toList());
    }

    public static <T> T event(EventStore eventStore, String aggregateId, Class<T> type) {
        return event(eventStore, aggregateId, type, any -> true);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
