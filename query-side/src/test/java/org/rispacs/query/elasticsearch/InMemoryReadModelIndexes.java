package org.rispacs.query.elasticsearch;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The read models' indices in memory, for unit tests of projections: one {@link InMemoryReadModelIndex}
 * per base name, shared by every projection that prepares or reads it, as the Elasticsearch indices are.
 */
public final class InMemoryReadModelIndexes implements ReadModelIndexes {

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

    /** The index {@code baseName}, created empty on first use. */
    public synchronized InMemoryReadModelIndex index(String baseName) {
        return indices.computeIfAbsent(baseName, InMemoryReadModelIndex::new);
    }
}
