package org.rispacs.query.fhir;

import java.time.ZoneId;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FhirServiceRequestVersions;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;

/** An order's ServiceRequest at each of its versions: the order's events replayed ({@link ProjectionReplay}). */
public final class FhirServiceRequestReplay {

    private FhirServiceRequestReplay() {
    }

    /**
     * The versions {@code events} (one order's, in their order) give, oldest first.
     *
     * @param zone the department's, as the read model's projection has it ({@code ris.time-zone})
     */
    public static FhirServiceRequestVersions of(String orderId, ZoneId zone,
                                                Stream<? extends EventMessage<?>> events) {
        InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
        FhirServiceRequestProjection projection = new FhirServiceRequestProjection(indexes,
                SimpleQueryUpdateEmitter.builder().build(), zone);
        InMemoryReadModelIndex orders = indexes.index(FhirServiceRequestProjection.SERVICE_REQUESTS);
        return new FhirServiceRequestVersions(ProjectionReplay.versions("order " + orderId, projection, () -> {
            FhirServiceRequestDocument document = orders.find(orderId, FhirServiceRequestDocument.class);
            return document == null ? null : document.answer();
        }, FhirServiceRequest::version, events));
    }
}
