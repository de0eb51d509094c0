package org.rispacs.query.fhir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FhirServiceRequestMatches;
import org.rispacs.api.fhir.FindFhirServiceRequestQuery;
import org.rispacs.api.fhir.SearchFhirServiceRequestsQuery;
import org.rispacs.api.fhir.TimeCondition;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Answers the FHIR edge's ServiceRequest reads and searches from the {@link FhirServiceRequestProjection}'s index. */
@Component
class FhirServiceRequestQueries {

    private final ElasticsearchClient client;
    private final String orders;

    FhirServiceRequestQueries(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.orders = indexes.nameOf(FhirServiceRequestProjection.SERVICE_REQUESTS);
    }

    @QueryHandler
    FhirServiceRequest handle(FindFhirServiceRequestQuery query) throws IOException {
        var found = client.get(g -> g.index(orders).id(query.resourceId()), FhirServiceRequestDocument.class);
        return found.found() && found.source() != null ? found.source().answer() : null;
    }

    @QueryHandler
    FhirServiceRequestMatches handle(SearchFhirServiceRequestsQuery query) throws IOException {
        List<Query> filters = new ArrayList<>(filters(query));
        // only orders placed: a document begun by an event that came first is not one yet
        filters.add(Query.of(q -> q.exists(e -> e.field("procedureCode"))));
        filters.add(Query.of(q -> q.exists(e -> e.field("patientId"))));
        int limit = DocumentPage.limit(query.limit());
        DocumentPage<FhirServiceRequestDocument> page = DocumentPage.search(client, orders, filters,
                List.of(order("authoredOn", SortOrder.Desc), order("resourceId", SortOrder.Asc)), query.offset(), limit,
                FhirServiceRequestDocument.class);
        return new FhirServiceRequestMatches(page.documents().stream().map(FhirServiceRequestDocument::answer)
                .filter(Objects::nonNull).toList(), page.total());
    }

    static List<Query> filters(SearchFhirServiceRequestsQuery query) {
        List<Query> filters = new ArrayList<>();
        // orders seen only from later events (never in a live index) are not answered
        filters.add(Query.of(q -> q.exists(e -> e.field("patientId"))));
        if (query.accessionNumber() != null) {
            filters.add(term("accessionKey", accessionKey(query.accessionNumber())));
        }
        if (query.placerOrderNumber() != null) {
            filters.add(term("placerOrderNumber", query.placerOrderNumber()));
        }
        if (query.anyIdentifier() != null) {
            filters.add(Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                    .should(term("accessionKey", accessionKey(query.anyIdentifier())))
                    .should(term("placerOrderNumber", query.anyIdentifier())))));
        }
        if (query.patientResourceId() != null) {
            filters.add(term("patientResourceId", query.patientResourceId()));
        }
        if (!query.states().isEmpty()) {
            List<FieldValue> states = query.states().stream().map(state -> FieldValue.of(state.name())).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field("state").terms(v -> v.value(states)))));
        }
        query.authored().forEach(condition -> filters.add(within("authoredOn", condition)));
        query.occurrence().forEach(condition -> filters.add(within("occurrence", condition)));
        if (query.procedureCode() != null) {
            filters.add(term("procedureCode", query.procedureCode()));
        }
        if (query.codingScheme() != null) {
            filters.add(term("codingScheme", query.codingScheme()));
        }
        return filters;
    }

    /** A value that cannot be an accession number is kept as given: it then matches nothing. */
    private static String accessionKey(String value) {
        try {
            return AccessionNumbers.normalise(value).orElse(value);
        } catch (IllegalArgumentException notAnAccession) {
            return value;
        }
    }

    private static Query within(String field, TimeCondition condition) {
        Query range = Query.of(q -> q.range(r -> r.date(d -> {
            d.field(field);
            if (condition.from() != null) {
                d.gte(condition.from().toString());
            }
            if (condition.until() != null) {
                d.lt(condition.until().toString());
            }
            return d;
        })));
        if (!condition.outside()) {
            return range;
        }
        // outside the range; an order without the time (not yet scheduled) is not known to be outside it
        return Query.of(q -> q.bool(b -> b.filter(f -> f.exists(e -> e.field(field))).mustNot(range)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static SortOptions order(String field, SortOrder direction) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(direction)));
    }
}
