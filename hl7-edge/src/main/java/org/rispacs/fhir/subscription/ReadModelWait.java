package org.rispacs.fhir.subscription;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** How long, and how, the FHIR edge waits for a read model to show what a command or an event did. */
@FunctionalInterface
public interface ReadModelWait {

    /**
     * Reads until {@code shown} accepts what was read, for a bounded time; then the last read as it
     * was (possibly not accepted, possibly empty).
     */
    <T> Optional<T> until(Supplier<Optional<T>> read, Predicate<T> shown);
}
