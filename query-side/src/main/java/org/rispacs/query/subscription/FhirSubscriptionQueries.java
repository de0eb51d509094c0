package org.rispacs.query.subscription;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.FhirSubscriptions;
import org.rispacs.api.subscription.FindActiveFhirSubscriptionsQuery;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.api.subscription.SearchFhirSubscriptionsQuery;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Answers the FHIR edge's subscription reads and searches from the {@link FhirSubscriptionProjection}'s index. */
@Component
class FhirSubscriptionQueries {

    private static final int MAX_COUNT = 1_000;
    /** How many subscriptions to notify are read per request; all of them are answered. */
    private static final int ACTIVE_BATCH = 500;

    private final ElasticsearchClient client;
    private final String subscriptions;
    private final Clock clock = Clock.systemUTC();

    FhirSubscriptionQueries(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.subscriptions = indexes.nameOf(FhirSubscriptionProjection.SUBSCRIPTIONS);
    }

    @QueryHandler
    FhirSubscription handle(FindFhirSubscriptionQuery query) throws IOException {
        var found = client.get(g -> g.index(subscriptions).id(query.subscriptionId()), FhirSubscriptionDocument.class);
        return found.found() && found.source() != null ? found.source().answer(clock.instant()) : null;
    }

    /** Every subscription to notify, read in batches after one another (no page limit applies). */
    @QueryHandler
    FhirSubscriptions handle(FindActiveFhirSubscriptionsQuery query) throws IOException {
        Instant now = clock.instant();
        Query active = Query.of(q -> q.bool(b -> b.filter(activeFilters(query, now))));
        List<FhirSubscription> found = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            var hits = client.search(s -> {
                s.index(subscriptions).query(active).size(ACTIVE_BATCH)
                        .sort(order("subscriptionId", SortOrder.Asc)).trackTotalHits(t -> t.enabled(false));
                return from == null ? s : s.searchAfter(from);
            }, FhirSubscriptionDocument.class).hits().hits();
            for (Hit<FhirSubscriptionDocument> hit : hits) {
                if (hit.source() != null) {
                    found.add(hit.source().answer(now));
                }
            }
            if (hits.size() < ACTIVE_BATCH) {
                return new FhirSubscriptions(found, found.size());
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    @QueryHandler
    FhirSubscriptions handle(SearchFhirSubscriptionsQuery query) throws IOException {
        Instant now = clock.instant();
        List<Query> filters = searchFilters(query, now);
        int count = Math.max(0, Math.min(query.count(), MAX_COUNT));
        DocumentPage<FhirSubscriptionDocument> page = DocumentPage.search(client, subscriptions, filters,
                List.of(order("createdAt", SortOrder.Desc), order("subscriptionId", SortOrder.Asc)), query.offset(),
                count, FhirSubscriptionDocument.class);
        return new FhirSubscriptions(page.documents().stream().map(document -> document.answer(now)).toList(),
                page.total());
    }

    /** Active or in error, not ended, of the topic, for every patient or for the one asked. */
    static List<Query> activeFilters(FindActiveFhirSubscriptionsQuery query, Instant now) {
        List<Query> filters = new ArrayList<>();
        filters.add(statusIn(List.of(FhirSubscriptionStatus.ACTIVE, FhirSubscriptionStatus.ERROR)));
        filters.add(notEnded(now));
        filters.add(term("topic", query.topic().name()));
        Query forEveryPatient = Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("patientId")))));
        filters.add(query.patientId() == null ? forEveryPatient : Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(forEveryPatient).should(term("patientId", query.patientId())))));
        return filters;
    }

    /** A status asked for as the answer shows it: OFF covers the ended ones, the others only those not ended. */
    static List<Query> searchFilters(SearchFhirSubscriptionsQuery query, Instant now) {
        List<Query> filters = new ArrayList<>();
        // a document begun by a delivery event before its subscription's creation is no subscription
        filters.add(Query.of(q -> q.exists(e -> e.field("topic"))));
        if (query.topic() != null) {
            filters.add(term("topic", query.topic().name()));
        }
        if (query.status() == FhirSubscriptionStatus.OFF) {
            filters.add(Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                    .should(statusIn(List.of(FhirSubscriptionStatus.OFF)))
                    .should(s -> s.range(r -> r.date(d -> d.field("end").lte(now.toString())))))));
        } else if (query.status() != null) {
            filters.add(statusIn(List.of(query.status())));
            filters.add(notEnded(now));
        }
        return filters;
    }

    private static Query notEnded(Instant now) {
        return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("end")))))
                .should(s -> s.range(r -> r.date(d -> d.field("end").gt(now.toString()))))));
    }

    private static Query statusIn(List<FhirSubscriptionStatus> statuses) {
        List<FieldValue> values = statuses.stream().map(status -> FieldValue.of(status.name())).toList();
        return Query.of(q -> q.terms(t -> t.field("status").terms(v -> v.value(values))));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static SortOptions order(String field, SortOrder order) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(order)));
    }
}
