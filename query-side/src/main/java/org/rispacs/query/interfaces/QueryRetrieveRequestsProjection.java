package org.rispacs.query.interfaces;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.interfaces.QueryRetrieveRequests;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The Query/Retrieve requests answered, read from the accesses to patient data they are recorded
 * as (one {@link PatientDataViewedEvent} per request, see {@link QueryRetrieveViews}), one document
 * per request (so that a replay writes the same ones), counted per calling AE title and kind at
 * query time. A kind of request is counted as soon as its view follows the convention.
 */
@Component
@ProcessingGroup(InterfaceHealthProjection.PROCESSING_GROUP)
class QueryRetrieveRequestsProjection {

    private static final int MAX_CALLERS = 1000;
    private static final int MAX_KINDS = 20;

    private final ElasticsearchClient client;
    private final ReadModelIndex requests;

    QueryRetrieveRequestsProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.requests = indexes.prepare(InterfaceHealthProjection.PROCESSING_GROUP, "qr-requests");
    }

    @EventHandler
    void on(PatientDataViewedEvent event, EventMessage<?> message) {
        String kind = QueryRetrieveViews.kindOf(event.view());
        Object actor = message.getMetaData().get(AuditMetadata.ACTOR);
        String callingAeTitle = QueryRetrieveViews.callingAeTitleOf(actor == null ? null : actor.toString());
        if (kind == null || callingAeTitle == null) {
            return;
        }
        requests.put(message.getIdentifier(), new AnsweredQueryRetrieveRequest(callingAeTitle, kind,
                QueryRetrieveViews.levelOf(event.view()), event.patients().size(), message.getTimestamp()));
    }

    @ResetHandler
    void reset() {
        requests.recreate();
    }

    /** Per calling AE title and kind: the requests, those that named no patient, the latest. */
    List<QueryRetrieveRequests> perCallingAeTitle() throws IOException {
        var response = client.search(s -> s.index(requests.name()).size(0)
                .aggregations("callers", a -> a.terms(t -> t.field("callingAeTitle").size(MAX_CALLERS))
                        .aggregations("kinds", k -> k.terms(t -> t.field("kind").size(MAX_KINDS))
                                .aggregations("withoutPatients", sub -> sub.filter(q -> q.term(t -> t
                                        .field("patients").value(0))))
                                .aggregations("last", sub -> sub.max(f -> f.field("requestedAt"))))),
                Void.class);
        List<QueryRetrieveRequests> counted = new ArrayList<>();
        for (StringTermsBucket caller : response.aggregations().get("callers").sterms().buckets().array()) {
            for (StringTermsBucket kind : caller.aggregations().get("kinds").sterms().buckets().array()) {
                double last = kind.aggregations().get("last").max().value();
                counted.add(new QueryRetrieveRequests(caller.key().stringValue(), kind.key().stringValue(),
                        kind.docCount(), kind.aggregations().get("withoutPatients").filter().docCount(),
                        Double.isFinite(last) ? Instant.ofEpochMilli((long) last) : null));
            }
        }
        return counted;
    }
}
