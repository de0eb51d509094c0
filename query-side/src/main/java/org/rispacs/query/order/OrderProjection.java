package org.rispacs.query.order;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderView;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The orders index: one document per order. Writes are upserts keyed by order id, so replaying
 * the event stream over an existing index converges to the same documents.
 */
@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
class OrderProjection {

    static final String PROCESSING_GROUP = "orders";

    private final ElasticsearchClient client;
    private final ReadModelIndex index;
    private final QueryUpdateEmitter updates;

    OrderProjection(ElasticsearchClient client,
                    ReadModelIndexes indexes,
                    QueryUpdateEmitter updates) {
        this.client = client;
        this.index = indexes.prepare(PROCESSING_GROUP, "orders");
        this.updates = updates;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant placedAt) {
        OrderView view = new OrderView(event.orderId(), event.patient().id(), event.patient().issuer(),
                event.procedure().code(), event.modality(), event.priority(), null, placedAt);
        index.upsert(event.orderId(), view);
    }

    @EventHandler
    void on(AccessionAssignedEvent event) {
        // a client that placed the order may search by accession right away
        String key = AccessionNumbers.normalise(event.accessionNumber()).orElse(event.accessionNumber());
        index.upsert(event.orderId(), new OrderAccession(event.accessionNumber(), key));
        index.refreshAfterBatch();
        OrderView view = find(event.orderId());
        updates.emit(FindOrderQuery.class, query -> query.orderId().equals(event.orderId()), view);
        updates.emit(FindOrderByAccessionQuery.class,
                query -> AccessionNumbers.normalise(query.accessionNumber())
                        .map(key::equals).orElse(false),
                view);
    }

    /** After a merge (HL7 A40) the order is the surviving patient's. */
    @EventHandler
    void on(OrderPatientReassignedEvent event) {
        index.upsert(event.orderId(), OrderPatient.of(event.patient()));
        index.refreshAfterBatch();
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    OrderView handle(FindOrderQuery query) throws IOException {
        return find(query.orderId());
    }

    @QueryHandler
    OrderView handle(FindOrderByAccessionQuery query) throws IOException {
        String accession = AccessionNumbers.normalise(query.accessionNumber()).orElse(null);
        if (accession == null) {
            return null;
        }
        var hits = client.search(s -> s.index(index.name())
                        .query(q -> q.term(t -> t.field("accessionKey").value(accession)))
                        .size(1),
                OrderView.class).hits().hits();
        return hits.isEmpty() ? null : hits.get(0).source();
    }

    private OrderView find(String orderId) {
        return index.find(orderId, OrderView.class);
    }
}
