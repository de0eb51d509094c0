package org.rispacs.query.fhir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirDiagnosticReportMatches;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.fhir.FindFhirDiagnosticReportQuery;
import org.rispacs.api.fhir.SearchFhirDiagnosticReportsQuery;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Answers the FHIR edge's DiagnosticReport reads and searches from the {@code fhir-diagnostic-reports} index. */
@Component
class FhirDiagnosticReportQueries {

    private static final List<FhirReportStatus> SIGNED = List.of(FhirReportStatus.PRELIMINARY,
            FhirReportStatus.FINAL, FhirReportStatus.APPENDED);

    private final ElasticsearchClient client;
    private final String reports;

    FhirDiagnosticReportQueries(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.reports = indexes.nameOf(FhirDiagnosticReportProjection.REPORTS);
    }

    @QueryHandler
    FhirDiagnosticReport handle(FindFhirDiagnosticReportQuery query) throws IOException {
        var found = client.get(g -> g.index(reports).id(query.reportId()), FhirReportDocument.class);
        return found.found() && found.source() != null ? found.source().answer() : null;
    }

    @QueryHandler
    FhirDiagnosticReportMatches handle(SearchFhirDiagnosticReportsQuery query) throws IOException {
        List<Query> filters = filters(query);
        int limit = DocumentPage.limit(query.limit());
        DocumentPage<FhirReportDocument> page = DocumentPage.search(client, reports, filters,
                List.of(SortOptions.of(o -> o.field(f -> f.field("reportId").order(SortOrder.Asc)))),
                query.offset(), limit, FhirReportDocument.class);
        return new FhirDiagnosticReportMatches(page.documents().stream().map(FhirReportDocument::answer).toList(),
                page.total());
    }

    static List<Query> filters(SearchFhirDiagnosticReportsQuery query) {
        List<Query> filters = new ArrayList<>();
        if (query.patientResourceId() != null) {
            filters.add(term("patientResourceId", query.patientResourceId()));
        }
        if (query.orderId() != null) {
            filters.add(term("orderId", query.orderId()));
        }
        if (query.studyInstanceUid() != null) {
            filters.add(term("studyInstanceUid", query.studyInstanceUid()));
        }
        List<FhirReportStatus> statuses = query.statuses().isEmpty() ? SIGNED
                : query.statuses().stream().filter(SIGNED::contains).toList();
        List<FieldValue> values = statuses.stream().map(status -> FieldValue.of(status.name())).toList();
        filters.add(Query.of(q -> q.terms(t -> t.field("status").terms(v -> v.value(values)))));
        return filters;
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
