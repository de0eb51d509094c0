package org.rispacs.app.reading;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.WatchReadingWorklistQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for open reading worklist pages. When the read model announces a change
 * (a subscription query, answered once the change is searchable), and once a second besides,
 * each distinct filter's list is read and compared with what that filter's pages last showed;
 * when it differs, those pages get a {@code worklist-changed} event and fetch their rows again
 * (htmx). Changes arriving together are checked together: one query per distinct filter per
 * check, however many radiologists watch it.
 */
@Component
class ReadingWorklistStream {

    static final String CHANGED = "worklist-changed";
    private static final Logger LOG = LoggerFactory.getLogger(ReadingWorklistStream.class);
    private static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(30);
    private static final int HEARTBEAT_TICKS = 20;

    private final QueryGateway queries;
    private final Map<SseEmitter, ReadingFilter> watchers = new ConcurrentHashMap<>();
    private final Map<ReadingFilter, Integer> lastSeen = new ConcurrentHashMap<>();
    private long ticks;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reading-worklist-sse");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean checkScheduled = new AtomicBoolean();
    /** The read model's change announcements, subscribed to while pages watch; null when not. */
    private SubscriptionQueryResult<String, String> changes;

    ReadingWorklistStream(QueryGateway queries) {
        this.queries = queries;
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void subscribeToChanges() {
        if (changes != null) {
            return;
        }
        SubscriptionQueryResult<String, String> subscription = queries.subscriptionQuery(
                new WatchReadingWorklistQuery(), ResponseTypes.instanceOf(String.class),
                ResponseTypes.instanceOf(String.class));
        changes = subscription;
        subscription.updates().subscribe(orderId -> checkSoon(), failed -> {
            // the once-a-second check goes on; the next page that opens subscribes again
            LOG.warn("reading worklist change subscription ended: {}", failed.toString());
            unsubscribe(subscription);
        });
    }

    private synchronized void unsubscribe(SubscriptionQueryResult<String, String> subscription) {
        subscription.cancel();
        if (changes == subscription) {
            changes = null;
        }
    }

    /** Several changes announced before the check runs are covered by that one check. */
    private void checkSoon() {
        if (checkScheduled.compareAndSet(false, true)) {
            ticker.execute(() -> {
                checkScheduled.set(false);
                checkForChanges();
            });
        }
    }

    SseEmitter watch(ReadingFilter filter) {
        SseEmitter emitter = new SseEmitter(CONNECTION_LIFETIME.toMillis());
        emitter.onCompletion(() -> watchers.remove(emitter));
        emitter.onTimeout(() -> watchers.remove(emitter));
        emitter.onError(failure -> watchers.remove(emitter));
        subscribeToChanges();
        lastSeen.computeIfAbsent(filter, this::fingerprint);
        watchers.put(emitter, filter);
        try {
            // the response (and its headers) reach the browser with the first data: send some at once
            emitter.send(SseEmitter.event().comment("watching"));
        } catch (IOException gone) {
            watchers.remove(emitter);
        }
        return emitter;
    }

    private void tick() {
        if (++ticks % HEARTBEAT_TICKS == 0) {
            heartbeat();
        }
        checkForChanges();
    }

    private void checkForChanges() {
        try {
            lastSeen.keySet().retainAll(watchers.values());
            for (ReadingFilter filter : List.copyOf(lastSeen.keySet())) {
                int now = fingerprint(filter);
                Integer before = lastSeen.put(filter, now);
                if (before != null && before != now) {
                    notifyWatchers(filter);
                }
            }
        } catch (RuntimeException failed) {
            LOG.warn("reading worklist refresh failed: {}", failed.toString());
        }
    }

    /** A comment now and then finds connections the browser has dropped, and keeps proxies from closing live ones. */
    private void heartbeat() {
        watchers.keySet().forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("still watching"));
            } catch (IOException | IllegalStateException gone) {
                watchers.remove(emitter);
            }
        });
    }

    private void notifyWatchers(ReadingFilter filter) {
        watchers.forEach((emitter, watched) -> {
            if (watched.equals(filter)) {
                try {
                    emitter.send(SseEmitter.event().name(CHANGED).data("changed"));
                } catch (IOException | IllegalStateException gone) {
                    watchers.remove(emitter);
                }
            }
        });
    }

    private int fingerprint(ReadingFilter filter) {
        List<ReadingWorklistItem> items = queries.query(filter.query(),
                ResponseTypes.multipleInstancesOf(ReadingWorklistItem.class)).join();
        return Objects.hash(items.stream().map(item -> List.of(String.valueOf(item.orderId()),
                String.valueOf(item.reportStatus()), String.valueOf(item.priority()))).toList());
    }

    @PreDestroy
    void stop() {
        if (changes != null) {
            unsubscribe(changes);
        }
        ticker.shutdownNow();
        watchers.keySet().forEach(SseEmitter::complete);
    }
}
