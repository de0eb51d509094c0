package org.rispacs.query.elasticsearch;

import java.util.Map;

/**
 * Where a projection keeps the documents of one read model, keyed by id. Documents are what
 * Elasticsearch stores: JSON objects, with dates as ISO-8601 text; {@link #asDocument} turns a
 * record into one the way the client writes it. Every write of a projection goes through here, so
 * that an implementation in memory sees all of them (a projection's unit tests run on one).
 */
public interface ReadModelIndex {

    /** The index's full name, for searches through the Elasticsearch client. */
    String name();

    /**
     * Merges {@code fields} into the document {@code id}, creating it if missing: objects are
     * merged field by field, any other value (null included) replaces what was there.
     */
    void upsert(String id, Map<String, Object> fields);

    /**
     * {@link #upsert(String, Map)} of a record's components, a null one written as null (which clears
     * the field) unless the record is annotated {@code @JsonInclude(NON_NULL)}, for a partial update
     * that writes only what it knows.
     */
    default void upsert(String id, Record fields) {
        upsert(id, asDocument(fields));
    }

    /** Writes {@code document} whole as {@code id}, replacing what was there. */
    void put(String id, Map<String, Object> document);

    /** {@link #put(String, Map)} of a record. */
    default void put(String id, Record document) {
        put(id, asDocument(document));
    }

    /** Removes the document {@code id} if there is one. */
    void delete(String id);

    /** The document {@code id} as the writes so far leave it (no refresh needed), or null. */
    Map<String, Object> find(String id);

    /** {@link #find(String)}, read as {@code type} the way the client reads documents (unknown fields ignored). */
    <T> T find(String id, Class<T> type);

    /** {@code value} as the document the client would write for it. */
    Map<String, Object> asDocument(Object value);

    /** Makes the writes searchable once the current batch of events is handled (see the implementation). */
    void refreshAfterBatch();

    /** Drops every document, as a replay from the first event needs. */
    void recreate();
}
