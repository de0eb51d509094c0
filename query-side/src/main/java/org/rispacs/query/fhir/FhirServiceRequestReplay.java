package org.rispacs.query.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FhirServiceRequestVersions;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;

/**
 * An order's ServiceRequest at each of its versions: its events replayed, one at a time, through
 * the same projection that keeps the read model, into an index in memory. A version is what the
 * read model showed after that event, so {@code vread} and {@code _history} can never disagree
 * with {@code read}.
 */
public final class FhirServiceRequestReplay {

    private FhirServiceRequestReplay() {
    }

    /** The versions {@code events} (one order's, in their order) give, oldest first. */
    public static FhirServiceRequestVersions of(String orderId, Stream<? extends EventMessage<?>> events) {
        InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                new FhirServiceRequestProjection(indexes, SimpleQueryUpdateEmitter.builder().build()));
        InMemoryReadModelIndex orders = indexes.index(FhirServiceRequestProjection.SERVICE_REQUESTS);
        List<FhirServiceRequest> versions = new ArrayList<>();
        events.forEach(event -> {
            if (!projection.canHandle(event)) {
                return;
            }
            try {
                projection.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("replaying order " + orderId + " failed at " + event.getPayloadType(),
                        e);
            }
            FhirServiceRequestDocument document = orders.find(orderId, FhirServiceRequestDocument.class);
            FhirServiceRequest version = document == null ? null : document.answer();
            if (version != null && (versions.isEmpty()
                    || versions.get(versions.size() - 1).version() != version.version())) {
                versions.add(version);
            }
        });
        return new FhirServiceRequestVersions(versions);
    }
}
