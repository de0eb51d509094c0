package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The writes of one batch of events to one index, held until the batch commits and then sent
 * as one bulk request. Several writes to a document within the batch collapse into one, merged
 * the way Elasticsearch merges a partial update into a document (objects field by field, any
 * other value replaced), so that reading a document back through {@link #over} gives what
 * Elasticsearch will hold once the bulk request is done.
 */
final class PendingWrites {

    private enum Kind { MERGE, REPLACE, DELETE }

    private static final class Write {
        private Kind kind;
        private Map<String, Object> fields;

        private Write(Kind kind, Map<String, Object> fields) {
            this.kind = kind;
            this.fields = fields;
        }
    }

    private final Map<String, Write> byId = new LinkedHashMap<>();
    private boolean refresh;

    void merge(String id, Map<String, Object> fields) {
        Write write = byId.get(id);
        if (write == null) {
            byId.put(id, new Write(Kind.MERGE, deepCopy(fields)));
        } else if (write.kind == Kind.DELETE) {
            write.kind = Kind.REPLACE;
            write.fields = deepCopy(fields);
        } else {
            mergeInto(write.fields, fields);
        }
    }

    void replace(String id, Map<String, Object> document) {
        byId.put(id, new Write(Kind.REPLACE, deepCopy(document)));
    }

    void delete(String id) {
        byId.put(id, new Write(Kind.DELETE, Map.of()));
    }

    void refreshWhenSent() {
        refresh = true;
    }

    boolean refreshRequested() {
        return refresh;
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    boolean holds(String id) {
        return byId.containsKey(id);
    }

    /** Whether a read of {@code id} must consult the stored document (null: this batch decides alone). */
    boolean needsStored(String id) {
        Write write = byId.get(id);
        return write == null || write.kind == Kind.MERGE;
    }

    /** The document as it will be once this batch is sent, given the stored one (or null). */
    Map<String, Object> over(String id, Map<String, Object> stored) {
        Write write = byId.get(id);
        if (write == null) {
            return stored;
        }
        return switch (write.kind) {
            case DELETE -> null;
            case REPLACE -> deepCopy(write.fields);
            case MERGE -> {
                Map<String, Object> merged = stored == null ? new HashMap<>() : deepCopy(stored);
                mergeInto(merged, write.fields);
                yield merged;
            }
        };
    }

    /**
     * The documents as this batch leaves them (empty: deleted), for each written id whose result
     * does not depend on a stored document that {@code stored} cannot tell (it answers null then).
     */
    Map<String, Optional<Map<String, Object>>> outcome(Function<String, Optional<Map<String, Object>>> stored) {
        Map<String, Optional<Map<String, Object>>> outcome = new HashMap<>();
        byId.forEach((id, write) -> {
            Optional<Map<String, Object>> before = write.kind == Kind.MERGE ? stored.apply(id) : Optional.empty();
            if (before != null) {
                outcome.put(id, Optional.ofNullable(over(id, before.orElse(null))));
            }
        });
        return outcome;
    }

    /** The bulk operations for the index {@code index}, and forgets them. */
    List<BulkOperation> drain(String index) {
        List<BulkOperation> operations = new ArrayList<>(byId.size());
        byId.forEach((id, write) -> operations.add(switch (write.kind) {
            case DELETE -> BulkOperation.of(b -> b.delete(d -> d.index(index).id(id)));
            case REPLACE -> BulkOperation.of(b -> b.index(i -> i.index(index).id(id).document(write.fields)));
            case MERGE -> BulkOperation.of(b -> b.update(u -> u.index(index).id(id)
                    .action(a -> a.doc(write.fields).docAsUpsert(true))));
        }));
        byId.clear();
        return operations;
    }

    @SuppressWarnings("unchecked")
    static void mergeInto(Map<String, Object> target, Map<String, Object> changes) {
        changes.forEach((field, value) -> {
            if (value instanceof Map<?, ?> inner && target.get(field) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new HashMap<>((Map<String, Object>) existing);
                mergeInto(copy, (Map<String, Object>) inner);
                target.put(field, copy);
            } else {
                target.put(field, deepCopy(value));
            }
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> document) {
        Map<String, Object> copy = new HashMap<>();
        document.forEach((field, value) -> copy.put(field, deepCopy(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PendingWrites::deepCopy).toList();
        }
        return value;
    }
}
