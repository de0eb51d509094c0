package org.rispacs.query.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

/**
 * A resource at each of its versions: events replayed, one at a time, through the same projection that keeps the
 * read model, writing to indices in memory ({@link org.rispacs.query.elasticsearch.InMemoryReadModelIndexes}). A
 * version is what the read model showed after the event that gave it its version number, so {@code vread} and
 * {@code _history} can never disagree with {@code read}; events that leave the version as it was (another
 * aggregate's, say) give none.
 */
final class ProjectionReplay {

    private ProjectionReplay() {
    }

    /**
     * The versions, oldest first.
     *
     * @param resource   what is replayed, for the failure's message
     * @param projection the projection, on indices in memory that {@code current} reads
     * @param current    the resource as those indices show it now; null while there is none
     * @param version    a resource's version number
     * @param events     the events, in the order the projection handled them
     */
    static <T> List<T> versions(String resource, Object projection, Supplier<T> current, ToLongFunction<T> version,
                                Stream<? extends EventMessage<?>> events) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        List<T> versions = new ArrayList<>();
        events.forEach(event -> {
            if (!handler.canHandle(event)) {
                return;
            }
            try {
                handler.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("replaying " + resource + " failed at " + event.getPayloadType(), e);
            }
            T shown = current.get();
            if (shown != null && (versions.isEmpty()
                    || version.applyAsLong(versions.getLast()) != version.applyAsLong(shown))) {
                versions.add(shown);
            }
        });
        return versions;
    }
}
