package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One page of the documents that pass every filter, in the order given, with how many pass in all
 * (counted exactly: a FHIR search answers its {@code total}).
 *
 * @param documents the page, at most the limit asked for
 * @param total     every document that matches
 */
public record DocumentPage<T>(List<T> documents, long total) {

    /** The most documents one page of a read model's search holds, however many a query asks for. */
    public static final int MAX_LIMIT = 1_000;

    public DocumentPage {
        documents = List.copyOf(documents);
    }

    /** The page size to ask for: {@code asked}, but at least 0 and at most {@value #MAX_LIMIT}. */
    public static int limit(int asked) {
        return Math.max(0, Math.min(asked, MAX_LIMIT));
    }

    /** The page of the documents that pass every one of {@code filters}. */
    public static <T> DocumentPage<T> search(ElasticsearchClient client, String index, List<Query> filters,
                                             List<SortOptions> order, int offset, int limit, Class<T> type)
            throws IOException {
        return search(client, index, Query.of(q -> q.bool(b -> b.filter(filters))), order, offset, limit, type);
    }

    /** The page of the documents that match {@code query}. */
    public static <T> DocumentPage<T> search(ElasticsearchClient client, String index, Query query,
                                             List<SortOptions> order, int offset, int limit, Class<T> type)
            throws IOException {
        var hits = client.search(s -> s.index(index).query(query).sort(order).from(Math.max(0, offset))
                .size(Math.max(0, limit)).trackTotalHits(t -> t.enabled(true)), type).hits();
        List<T> found = hits.hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
        return new DocumentPage<>(found, hits.total() == null ? found.size() : hits.total().value());
    }
}
