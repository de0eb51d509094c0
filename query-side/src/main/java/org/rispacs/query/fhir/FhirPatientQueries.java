package org.rispacs.query.fhir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.fhir.DateCondition;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientMatches;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirPatientsQuery;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Answers the FHIR edge's Patient reads and searches from the {@link FhirPatientProjection}'s index. */
@Component
class FhirPatientQueries {

    private final ElasticsearchClient client;
    private final String patients;

    FhirPatientQueries(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.patients = indexes.nameOf(FhirPatientProjection.PATIENTS);
    }

    @QueryHandler
    FhirPatient handle(FindFhirPatientQuery query) throws IOException {
        var found = client.get(g -> g.index(patients).id(query.resourceId()), FhirPatientDocument.class);
        return found.found() && found.source() != null ? found.source().answer() : null;
    }

    @QueryHandler
    FhirPatientMatches handle(SearchFhirPatientsQuery query) throws IOException {
        List<Query> filters = filters(query);
        int limit = DocumentPage.limit(query.limit());
        DocumentPage<FhirPatientDocument> page = DocumentPage.search(client, patients, filters,
                List.of(order("patientId"), order("issuerOfPatientId")), query.offset(), limit,
                FhirPatientDocument.class);
        return new FhirPatientMatches(page.documents().stream().map(FhirPatientDocument::answer).toList(),
                page.total());
    }

    static List<Query> filters(SearchFhirPatientsQuery query) {
        List<Query> filters = new ArrayList<>();
        if (query.patientId() != null) {
            filters.add(term("patientId", query.patientId()));
        }
        if (query.issuer() != null) {
            filters.add(term("issuerOfPatientId", query.issuer()));
        }
        String name = FhirPatientNames.normalised(query.namePrefix());
        if (name != null) {
            filters.add(Query.of(q -> q.prefix(p -> p.field("nameMatch").value(name))));
        }
        for (DateCondition condition : query.birthDate()) {
            filters.add(birthDate(condition));
        }
        return filters;
    }

    private static Query birthDate(DateCondition condition) {
        Query within = Query.of(q -> q.range(r -> r.date(d -> {
            d.field("birthDate");
            if (condition.from() != null) {
                d.gte(condition.from().toString());
            }
            if (condition.until() != null) {
                d.lt(condition.until().toString());
            }
            return d;
        })));
        if (!condition.outside()) {
            return within;
        }
        // outside the range, and a patient without a birth date is not known to be outside it
        return Query.of(q -> q.bool(b -> b.filter(f -> f.exists(e -> e.field("birthDate"))).mustNot(within)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static SortOptions order(String field) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(SortOrder.Asc)));
    }
}
