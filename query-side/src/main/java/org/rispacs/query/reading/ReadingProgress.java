package org.rispacs.query.reading;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The facts an event adds to a {@link ReadingOrder} on its way to being ready; only those it
 * knows are written (null: left as they are).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReadingProgress(String studyInstanceUid, Boolean completed, Boolean linked, Boolean committed, Boolean ready,
                       Instant waitingSince) {

    static ReadingProgress stepCompleted() {
        return new ReadingProgress(null, true, null, null, null, null);
    }

    static ReadingProgress studyLinked(String studyInstanceUid, boolean committed) {
        return new ReadingProgress(studyInstanceUid, null, true, committed, null, null);
    }

    static ReadingProgress studyCommitted(boolean committed) {
        return new ReadingProgress(null, null, null, committed, null, null);
    }

    /** Whether these facts complete the three that {@code order} (null: none yet) needs to become ready. */
    boolean makeReady(ReadingOrder order) {
        return isTrue(completed, order == null ? null : order.completed())
                && isTrue(linked, order == null ? null : order.linked())
                && isTrue(committed, order == null ? null : order.committed())
                && !Boolean.TRUE.equals(order == null ? null : order.ready());
    }

    ReadingProgress readySince(Instant when) {
        return new ReadingProgress(studyInstanceUid, completed, linked, committed, true, when);
    }

    private static boolean isTrue(Boolean change, Boolean known) {
        return Boolean.TRUE.equals(change != null ? change : known);
    }
}
