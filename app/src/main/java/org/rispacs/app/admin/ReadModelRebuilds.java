package org.rispacs.app.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models from the event store: stop the processor, reset its tokens (its
 * {@code @ResetHandler} recreates the index), start it again. Progress is the processor's
 * position against the head of the event stream.
 *
 * <p>A rebuild's start (the stream's tail and head and the time when it was asked for) is kept in
 * memory on the node that rebuilds: another node, or this one after a restart, knows only the
 * processor's position and Axon's replay flag.
 */
@Component
public class ReadModelRebuilds {

    /** The read models' processing groups; sagas and command-side lookups are not rebuilt here. */
    public static final List<String> READ_MODELS = List.of("orders", "modality-worklist", "unmatched-studies",
            "audit-timeline", "reading-worklist", "billing", "interface-health", "archive", "fhir-patients",
            "fhir-service-requests", "fhir-diagnostic-reports", "fhir-subscriptions");

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, RebuildMeasure> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> finished = new ConcurrentHashMap<>();

    ReadModelRebuilds(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * Progress of one read model. {@code upToDate} once it has processed every event stored so
     * far; {@code error} is the failure the processor is retrying, if any.
     *
     * <p>{@code rebuilding} from the reset until the processor has processed every event up to the
     * head as it was when the rebuild was asked for (and, there, Axon calls it caught up), whether or
     * not newer events arrive; {@code replaying} says the same (Axon's own replay flag stays set
     * until an event newer than the reset arrives, which on a quiet system may be never).
     * {@code done} and {@code toDo} are positions of the event stream since the rebuild's start,
     * {@code eventsPerSecond} the rate over the whole rebuild, {@code secondsLeft} the estimate at
     * that rate. These and
     * {@code startedAt}/{@code finishedAt} are null when this node has not rebuilt the read model
     * since it started; {@code rebuilding} is then Axon's replay flag while not up to date.
     */
    public record Progress(String readModel, boolean replaying, boolean caughtUp, long position, long head,
                           boolean upToDate, String error, boolean rebuilding, Long done, Long toDo,
                           Integer percent, Double eventsPerSecond, Long secondsLeft, Instant startedAt,
                           Instant finishedAt) {
    }

    public void rebuild(String readModel) {
        TrackingEventProcessor processor = processor(readModel);
        started.put(readModel, new RebuildMeasure(position(eventStore.createTailToken()),
                position(eventStore.createHeadToken()), clock.instant()));
        finished.remove(readModel);
        try {
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        } catch (RuntimeException failed) {
            started.remove(readModel);
            throw failed;
        }
    }

    public Progress progress(String readModel) {
        TrackingEventProcessor processor = processor(readModel);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        long position = status.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(-1L)).min().orElse(-1L);
        boolean replaying = status.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        long headAt = position(eventStore.createHeadToken());
        String error = status.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(failing -> String.valueOf(failing.getError())).findFirst().orElse(null);
        boolean upToDate = caughtUp && position >= headAt;
        RebuildMeasure measure = started.get(readModel);
        if (measure == null) {
            boolean rebuilding = replaying && !upToDate;
            return new Progress(readModel, rebuilding, caughtUp, position, headAt, upToDate, error, rebuilding,
                    null, null, null, null, null, null, null);
        }
        Instant now = clock.instant();
        // at the head as asked, Axon's caught-up flag comes a moment after the position: wait for it there
        boolean reachedHeadAsked = measure.finished(position) && (caughtUp || position > measure.head());
        Instant finishedAt = reachedHeadAsked ? finished.computeIfAbsent(readModel, name -> now) : null;
        Instant until = finishedAt == null ? now : finishedAt;
        boolean rebuilding = finishedAt == null;
        return new Progress(readModel, rebuilding, caughtUp, position, headAt, upToDate, error, rebuilding,
                measure.done(position), measure.toDo(), measure.percent(position),
                measure.eventsPerSecond(position, until), measure.secondsLeft(position, until), measure.startedAt(),
                finishedAt);
    }

    /** A token's position in the event stream; -1 for none (an empty event store). */
    private static long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.orElse(-1L);
    }

    private TrackingEventProcessor processor(String readModel) {
        if (!READ_MODELS.contains(readModel)) {
            throw new IllegalArgumentException("unknown read model '" + readModel + "'; known: " + READ_MODELS);
        }
        return processing.eventProcessor(readModel, TrackingEventProcessor.class).orElseThrow(
                () -> new IllegalStateException("no tracking processor for " + readModel));
    }
}
