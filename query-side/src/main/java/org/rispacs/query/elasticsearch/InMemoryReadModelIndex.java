package org.rispacs.query.elasticsearch;

import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read model's index held in memory, for replaying one aggregate's events through a projection
 * (a resource's history) and for a projection's unit tests: writes are applied at once,
 * merged as Elasticsearch merges a partial update, and every value goes through the client's JSON
 * mapping on its way in, so that a document reads back as it would from Elasticsearch (dates as
 * ISO-8601 text, enums by name, numbers as JSON numbers, nulls kept). Like a strict mapping, it
 * refuses a top-level field its index definition does not declare.
 */
public final class InMemoryReadModelIndex implements ReadModelIndex {

    private static final JacksonJsonpMapper JSON = ElasticsearchClients.jsonpMapper();

    private final String name;
    private final Set<String> fields;
    private final Map<String, Map<String, Object>> documents = new TreeMap<>();
    private int refreshes;

    /** An index that takes any field. */
    public InMemoryReadModelIndex(String name) {
        this(name, null);
    }

    /** An index whose documents may hold only {@code fields} (null: any). */
    public InMemoryReadModelIndex(String name, Set<String> fields) {
        this.name = name;
        this.fields = fields == null ? null : Set.copyOf(fields);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void upsert(String id, Map<String, Object> fields) {
        Map<String, Object> changes = declared(asDocument(fields));
        PendingWrites.mergeInto(documents.computeIfAbsent(id, key -> new TreeMap<>()), changes);
    }

    @Override
    public synchronized void put(String id, Map<String, Object> document) {
        documents.put(id, new TreeMap<>(declared(asDocument(document))));
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

    private Map<String, Object> declared(Map<String, Object> document) {
        if (fields != null && !fields.containsAll(document.keySet())) {
            throw new IllegalArgumentException("index " + name + " declares no field "
                    + document.keySet().stream().filter(field -> !fields.contains(field)).toList());
        }
        return document;
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
