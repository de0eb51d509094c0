package org.rispacs.query.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The read models' indices in memory, for replaying events through a projection away from
 * Elasticsearch and for unit tests of projections: one {@link InMemoryReadModelIndex}
 * per base name, shared by every projection that prepares or reads it, as the Elasticsearch indices are.
 */
public final class InMemoryReadModelIndexes implements ReadModelIndexes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, InMemoryReadModelIndex> indices = new TreeMap<>();
    private final Set<String> groups = new LinkedHashSet<>();

    @Override
    public synchronized InMemoryReadModelIndex prepare(String processingGroup, String baseName) {
        if (!indices.containsKey(baseName)) {
            groups.add(processingGroup);
        }
        return index(baseName);
    }

    @Override
    public InMemoryReadModelIndex ofSameGroup(String baseName) {
        return index(baseName);
    }

    @Override
    public String nameOf(String baseName) {
        return baseName;
    }

    @Override
    public synchronized Set<String> groupsWithNewIndices() {
        return Set.copyOf(groups);
    }

    /** The index {@code baseName}, created empty on first use, with the fields its definition declares. */
    public synchronized InMemoryReadModelIndex index(String baseName) {
        return indices.computeIfAbsent(baseName, name -> new InMemoryReadModelIndex(name, declaredFields(name)));
    }

    /** The top-level fields of a strict mapping in {@code /elasticsearch/<baseName>.json}, or null. */
    private static Set<String> declaredFields(String baseName) {
        String resource = "/elasticsearch/" + baseName + ".json";
        try (InputStream in = InMemoryReadModelIndexes.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            JsonNode mappings = JSON.readTree(in).path("mappings");
            if (!"strict".equals(mappings.path("dynamic").asText())) {
                return null;
            }
            Set<String> fields = new LinkedHashSet<>();
            mappings.path("properties").fieldNames().forEachRemaining(fields::add);
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
