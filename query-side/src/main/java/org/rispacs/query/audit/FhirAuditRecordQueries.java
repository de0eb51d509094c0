package org.rispacs.query.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.fhir.FhirAuditRecordMatches;
import org.rispacs.api.fhir.FindFhirAuditRecordQuery;
import org.rispacs.api.fhir.SearchFhirAuditRecordsQuery;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * Answers the FHIR edge's AuditEvent reads and searches from the audit timeline's index (the same
 * trail the audit pages show), oldest first as the timeline is.
 */
@Component
class FhirAuditRecordQueries {

    private static final String TIMELINE_INDEX = "audit-timeline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient client;
    private final String timeline;

    FhirAuditRecordQueries(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.timeline = indexes.nameOf(TIMELINE_INDEX);
    }

    @QueryHandler
    FhirAuditRecord handle(FindFhirAuditRecordQuery query) throws IOException {
        var found = client.get(g -> g.index(timeline).id(query.eventId()), TimelineEntry.class);
        return found.found() && found.source() != null ? record(found.source()) : null;
    }

    @QueryHandler
    FhirAuditRecordMatches handle(SearchFhirAuditRecordsQuery query) throws IOException {
        List<Query> filters = filters(query);
        int limit = DocumentPage.limit(query.limit());
        DocumentPage<TimelineEntry> page = DocumentPage.search(client, timeline, filters,
                List.of(order("timestamp"), order("sequence"), order("eventId")), query.offset(), limit,
                TimelineEntry.class);
        return new FhirAuditRecordMatches(page.documents().stream().map(FhirAuditRecordQueries::record).toList(),
                page.total());
    }

    static List<Query> filters(SearchFhirAuditRecordsQuery query) {
        List<Query> filters = new ArrayList<>();
        term(filters, "patients", query.patient());
        term(filters, "orderIds", query.orderId());
        term(filters, "studyInstanceUids", query.studyInstanceUid());
        term(filters, "reportIds", query.reportId());
        term(filters, "actor", query.actor());
        term(filters, "type", query.eventType());
        if (query.actorPrefix() != null) {
            filters.add(Query.of(q -> q.prefix(p -> p.field("actor").value(query.actorPrefix())
                    .caseInsensitive(true))));
        }
        if (query.from() != null || query.until() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("timestamp");
                if (query.from() != null) {
                    d.gte(query.from().toString());
                }
                if (query.until() != null) {
                    d.lt(query.until().toString());
                }
                return d;
            }))));
        }
        return filters;
    }

    static FhirAuditRecord record(TimelineEntry entry) {
        return new FhirAuditRecord(entry.eventId(), entry.type(), Instant.parse(entry.timestamp()),
                entry.actor(), entry.channel(), entry.source(), entry.patients(), entry.accessionNumbers(),
                entry.studyInstanceUids(), entry.orderIds(), entry.reportIds(), entry.users(),
                singleValues(entry.payload()));
    }

    /** The payload's top-level fields that hold one text, number or true/false. */
    static Map<String, String> singleValues(String payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (payload == null) {
            return fields;
        }
        try {
            JsonNode json = JSON.readTree(payload);
            json.properties().forEach(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            });
        } catch (JsonProcessingException unreadable) {
            // a payload the projection could not write as JSON holds no fields to show
        }
        return fields;
    }

    private static void term(List<Query> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(value.strip()))));
        }
    }

    private static SortOptions order(String field) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(SortOrder.Asc)));
    }
}
