package org.rispacs.dicom.ul.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Association Request/Reject/Release timer (PS3.8 9.1.5): bounds how long a peer may keep a
 * connection open without associating, or after a release or abort was sent.
 */
public final class ArtimTimer {

    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Runnable onExpiry;
    private ScheduledFuture<?> running;

    public ArtimTimer(ScheduledExecutorService scheduler, Duration timeout, Runnable onExpiry) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.onExpiry = onExpiry;
    }

    /** Starts the timer, or restarts it if it runs. */
    public synchronized void start() {
        stop();
        running = scheduler.schedule(onExpiry, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }
}
