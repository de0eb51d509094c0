package org.rispacs.app.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of a rebuild's progress, in positions of the event stream: a rebuild has to do
 * the positions after the stream's tail up to the head as it was when the rebuild was asked for,
 * and has done those up to the processor's position. Events stored after the request do not
 * count: a rebuild is finished once it has caught up with what was there when it was asked for.
 *
 * @param tail      the position before the first stored event, when the rebuild was asked for
 * @param head      the position of the last stored event, when the rebuild was asked for
 * @param startedAt when the rebuild was asked for
 */
record RebuildMeasure(long tail, long head, Instant startedAt) {

    /** Events (positions) the rebuild has to do; 0 for an empty event store. */
    long toDo() {
        return Math.max(0, head - tail);
    }

    /** Events (positions) done at processor position {@code position} (-1 before its first event). */
    long done(long position) {
        if (position < 0) {
            return 0;
        }
        return Math.min(toDo(), Math.max(0, position - tail));
    }

    boolean finished(long position) {
        return done(position) >= toDo();
    }

    /** Events per second from the start until {@code until}; null before the first measurable moment. */
    Double eventsPerSecond(long position, Instant until) {
        double seconds = Duration.between(startedAt, until).toNanos() / 1e9;
        if (seconds <= 0) {
            return null;
        }
        return done(position) / seconds;
    }

    /** Seconds still needed at the rate so far: 0 when finished, null while no event has been done yet. */
    Long secondsLeft(long position, Instant now) {
        long left = toDo() - done(position);
        if (left == 0) {
            return 0L;
        }
        Double rate = eventsPerSecond(position, now);
        if (rate == null || rate <= 0) {
            return null;
        }
        return (long) Math.ceil(left / rate);
    }

    /** The share done, 0 to 100; 100 for an empty event store. */
    int percent(long position) {
        return toDo() == 0 ? 100 : (int) Math.floor(100.0 * done(position) / toDo());
    }
}
