package org.rispacs.app.fhir;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.rispacs.fhir.subscription.ReadModelWait;

/**
 * Reads a read model again every {@value #INTERVAL_MILLIS} ms until it shows what is waited for, at
 * most for the configured wait ({@code ris.api.read-model-wait}); the read models that subscriptions
 * wait for emit no updates to subscribe to.
 */
class PollingReadModelWait implements ReadModelWait {

    private static final long INTERVAL_MILLIS = 50;

    private final Duration wait;

    PollingReadModelWait(Duration wait) {
        this.wait = wait;
    }

    @Override
    public <T> Optional<T> until(Supplier<Optional<T>> read, Predicate<T> shown) {
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<T> last = read.get();
        while (!last.filter(shown).isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = read.get();
        }
        return last;
    }
}
