package org.rispacs.app.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Waiting, bounded, for what sagas, deadlines, projections and peers do asynchronously: the one
 * way tests wait (Awaitility underneath), polling on the test's own thread until the condition
 * holds, and failing with what it last saw.
 */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {
    }

    /** The project's defaults: 60 s, every 100 ms, first at once, exceptions meaning "not yet". */
    public static ConditionFactory patiently() {
        return within(PATIENCE);
    }

    /** As {@link #patiently()}, with another limit (a day of data, a restart). */
    public static ConditionFactory within(Duration patience) {
        return Awaitility.await().atMost(patience).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread()
                .ignoreExceptions();
    }

    /** Retries an assertion until it passes. */
    public static void eventually(Runnable assertion) {
        patiently().untilAsserted(assertion::run);
    }

    /** Reads until the value satisfies the condition. */
    public static <T> T eventually(Supplier<T> read, Predicate<T> done) {
        return eventually(PATIENCE, read, done);
    }

    /** Reads until the value satisfies the condition, at most for the time given. */
    public static <T> T eventually(Duration patience, Supplier<T> read, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return within(patience).until(() -> {
                last.set(null);
                T value = read.get();
                last.set(value);
                return value;
            }, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not reached within " + patience + "; last: " + last.get(), e);
        }
    }

    /**
     * For benchmarks: milliseconds from {@code startNanos} (a {@link System#nanoTime()}) until the
     * value read is visible, polled every 2 ms as an eager client would.
     */
    public static <T> double millisUntil(long startNanos, Duration giveUp, Supplier<T> read, Predicate<T> visible) {
        Awaitility.await().atMost(giveUp).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .pollInSameThread().until(read::get, visible::test);
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** The first event of the type (and condition) in an aggregate's stream, once it is stored. */
    public static <T> T event(EventStore eventStore, String aggregateId, Class<T> type, Predicate<T> condition) {
        try {
            return patiently().until(() -> eventStore.readEvents(aggregateId).asStream()
                    .map(DomainEventMessage::getPayload)
                    .filter(type::isInstance).map(type::cast)
                    .filter(condition)
                    .findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + type.getSimpleName() + " for " + aggregateId + " within " + PATIENCE
                    + "; events: " + eventStore.readEvents(aggregateId).asStream()
                    .map(DomainEventMessage::getPayloadType).map(Class::getSimpleName).toList(), e);
        }
    }

    public static <T> T event(EventStore eventStore, String aggregateId, Class<T> type) {
        return event(eventStore, aggregateId, type, any -> true);
    }
}
