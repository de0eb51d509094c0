package org.rispacs.app.admin;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 */
@Component
public class ReadModelRebuilds {

    /** The read models' processing groups; sagas and command-side lookups are not rebuilt here. */
    public static final List<String> READ_MODELS = List.of("orders", "modality-worklist", "unmatched-studies",
            "audit-timeline", "reading-worklist", "billing", "interface-health", "archive", "fhir-patients",
            "fhir-service-requests", "fhir-diagnostic-reports", "fhir-subscriptions");

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ReadModelRebuilds(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * Progress of one read model. {@code upToDate} once it has processed every event stored so
     * far; Axon keeps {@code replaying} set until the first event newer than the rebuild arrives;
     * {@code error} is the failure the processor is retrying, if any.
     */
    public record Progress(String readModel, boolean replaying, boolean caughtUp, long position, long head,
                           boolean upToDate, String error) {
    }

    public void rebuild(String readModel) {
        TrackingEventProcessor processor = processor(readModel);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    public Progress progress(String readModel) {
        TrackingEventProcessor processor = processor(readModel);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        long position = status.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(-1L)).min().orElse(-1L);
        boolean replaying = status.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong headPosition = head == null ? OptionalLong.empty() : head.position();
        long headAt = headPosition.orElse(-1L);
        String error = status.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(failing -> String.valueOf(failing.getError())).findFirst().orElse(null);
        return new Progress(readModel, replaying, caughtUp, position, headAt,
                caughtUp && position >= headAt, error);
    }

    private TrackingEventProcessor processor(String readModel) {
        if (!READ_MODELS.contains(readModel)) {
            throw new IllegalArgumentException("unknown read model '" + readModel + "'; known: " + READ_MODELS);
        }
        return processing.eventProcessor(readModel, TrackingEventProcessor.class).orElseThrow(
                () -> new IllegalStateException("no tracking processor for " + readModel));
    }
}
