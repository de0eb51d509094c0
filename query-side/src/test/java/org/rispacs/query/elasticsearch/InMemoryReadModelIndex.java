package org.rispacs.query.elasticsearch;

import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read model's index held in memory, for a projection's unit tests: writes are applied at once,
 * merged as Elasticsearch merges a partial update, and every value goes through the client's JSON
 * mapping on its way in, so that a document reads back as it would from Elasticsearch (dates as
 * ISO-8601 text, enums by name, numbers as JSON numbers, nulls kept).
 */
public final class InMemoryReadModelIndex implements ReadModelIndex {

    private static final JacksonJsonpMapper JSON = ElasticsearchClients.jsonpMapper();

    private final String name;
    private final Map<String, Map<String, Object>> documents = new TreeMap<>();
    private int refreshes;

    public InMemoryReadModelIndex(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void upsert(String id, Map<String, Object> fields) {
        Map<String, Object> document = documents.computeIfAbsent(id, key -> new TreeMap<>());
        PendingWrites.mergeInto(document, asDocument(fields));
    }

    @Override
    public synchronized void put(String id, Map<String, Object> document) {
        documents.put(id, new TreeMap<>(asDocument(document)));
    }

    @Override
    public synchronized void delete(String id) {
        documents.remove(id);
    }

    @Override
    public synchronized Map<String, Object> find(String id) {
        Map<String, Object> document = documents.get(id);
        return document == null ? null : PendingWrites.deepCopy(document);
    }

    @Override
    public <T> T find(String id, Class<T> type) {
        Map<String, Object> document = find(id);
        return document == null ? null : JsonData.of(document, JSON).to(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> asDocument(Object value) {
        return JsonData.of(value, JSON).to(Map.class);
    }

    @Override
    public synchronized void refreshAfterBatch() {
        refreshes++;
    }

    @Override
    public synchronized void recreate() {
        documents.clear();
    }

    /** Every document by id, in id order: a copy, for comparing what two runs of a projection left. */
    public synchronized Map<String, Map<String, Object>> documents() {
        Map<String, Map<String, Object>> copy = new TreeMap<>();
        documents.forEach((id, document) -> copy.put(id, new TreeMap<>(PendingWrites.deepCopy(document))));
        return copy;
    }

    /** How many times a projection asked for its writes to be made searchable. */
    public synchronized int refreshRequests() {
        return refreshes;
    }
}
