package org.rispacs.app.reading;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpSession;
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
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.api.reading.ReadingWorklistPage;
import org.rispacs.api.reading.WatchReadingWorklistQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for open reading worklist pages. When the read model announces a change
 * (a subscription query, answered once the change is searchable), and once a second besides,
 * each distinct filter's list is read and compared with what that filter's pages last showed;
 * when it differs, those pages get a {@code worklist-changed} event and fetch their rows again
 * (htmx). Changes arriving together are checked together: one query per distinct filter per
 * check, however many radiologists watch it.
 *
 * <p>The stream is no activity of the user's: once a watching page's session has been idle for
 * the idle timeout ({@link LastUserActivity}), the session is ended and the page told
 * ({@code session-expired}), and the stream closed.
 */
@Component
class ReadingWorklistStream {

    static final String CHANGED = "worklist-changed";
    static final String SESSION_EXPIRED = "session-expired";
    private static final Logger LOG = LoggerFactory.getLogger(ReadingWorklistStream.class);
    private static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(30);
    private static final int HEARTBEAT_TICKS = 20;

    private final QueryGateway queries;
    private final LastUserActivity activity;
    private final int pageSize;
    private final Map<SseEmitter, Watcher> watchers = new ConcurrentHashMap<>();
    private final Map<ReadingFilter, Integer> lastSeen = new ConcurrentHashMap<>();
    private long ticks;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("reading-worklist-sse"));

    private final AtomicBoolean checkScheduled = new AtomicBoolean();
    /** The read model's change announcements, subscribed to while pages watch; null when not. */
    private SubscriptionQueryResult<String, String> changes;

    private record Watcher(ReadingFilter filter, HttpSession session) {
    }

    ReadingWorklistStream(QueryGateway queries, LastUserActivity activity,
                          @Value("${ris.reading.page-size:100}") int pageSize) {
        this.queries = queries;
        this.activity = activity;
        this.pageSize = pageSize;
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

    SseEmitter watch(ReadingFilter filter, HttpSession session) {
        SseEmitter emitter = new SseEmitter(CONNECTION_LIFETIME.toMillis());
        emitter.onCompletion(() -> watchers.remove(emitter));
        emitter.onTimeout(() -> watchers.remove(emitter));
        emitter.onError(failure -> watchers.remove(emitter));
        subscribeToChanges();
        lastSeen.computeIfAbsent(filter, this::fingerprint);
        watchers.put(emitter, new Watcher(filter, session));
        try {
            // the response (and its headers) reach the browser with the first data: send some at once
            emitter.send(SseEmitter.event().comment("watching"));
        } catch (IOException gone) {
            watchers.remove(emitter);
        }
        return emitter;
    }

    private void tick() {
        try {
            endIdleSessions();
        } catch (RuntimeException failed) {
            // an exception would end the ticker: the next tick tries again
            LOG.warn("ending idle reading sessions failed: {}", failed.toString());
        }
        if (++ticks % HEARTBEAT_TICKS == 0) {
            heartbeat();
        }
        checkForChanges();
    }

    private void endIdleSessions() {
        watchers.forEach((emitter, watcher) -> {
            if (activity.idleTooLong(watcher.session())) {
                watchers.remove(emitter);
                try {
                    watcher.session().invalidate();
                } catch (IllegalStateException alreadyInvalidated) {
                    // ended by the container meanwhile: the page is told all the same
                }
                try {
                    emitter.send(SseEmitter.event().name(SESSION_EXPIRED).data("expired"));
                    emitter.complete();
                } catch (IOException | IllegalStateException gone) {
                    // the page is gone already
                }
            }
        });
    }

    private void checkForChanges() {
        try {
            lastSeen.keySet().retainAll(watchers.values().stream().map(Watcher::filter).toList());
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
            if (watched.filter().equals(filter)) {
                try {
                    emitter.send(SseEmitter.event().name(CHANGED).data("changed"));
                } catch (IOException | IllegalStateException gone) {
                    watchers.remove(emitter);
                }
            }
        });
    }

    /** What the page shows: its rows and the total (a study added past the page changes only the total). */
    private int fingerprint(ReadingFilter filter) {
        ReadingWorklistPage page = queries.query(filter.query(pageSize),
                ResponseTypes.instanceOf(ReadingWorklistPage.class)).join();
        return Objects.hash(page.total(), page.items().stream().map(item -> List.of(String.valueOf(item.orderId()),
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
