package org.rispacs.query.billing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/** What the charges and claims projections share: one processing group, and how their documents read. */
final class BillingProjections {

    static final String PROCESSING_GROUP = "billing";
    private static final int MAX_PAGE = 1000;

    private BillingProjections() {
    }

    static int pageSize(int requested) {
        return Math.max(1, Math.min(requested, MAX_PAGE));
    }

    /** One page of an index's documents, all or those of one status, in a stable order. */
    static <T> List<T> page(ElasticsearchClient client, String index, Enum<?> status, String sortField,
                            SortOrder order, String idField, int page, int requestedSize, Class<T> type)
            throws IOException {
        int size = pageSize(requestedSize);
        return client.search(s -> s.index(index)
                        .query(q -> status == null ? q.matchAll(m -> m)
                                : q.term(t -> t.field("status").value(status.name())))
                        .sort(o -> o.field(f -> f.field(sortField).order(order)))
                        .sort(o -> o.field(f -> f.field(idField).order(SortOrder.Asc)))
                        .from(Math.max(0, page) * size).size(size), type)
                .hits().hits().stream().map(hit -> hit.source()).toList();
    }

    /** Amounts are kept as decimal strings: a double would round money. */
    static String amount(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
