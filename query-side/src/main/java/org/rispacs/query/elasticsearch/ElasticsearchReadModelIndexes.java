package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The read models' indices in Elasticsearch, named with the deployment's prefix ({@code ris-} by default). */
@Component
public class ElasticsearchReadModelIndexes implements ReadModelIndexes {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchReadModelIndexes.class);

    private final ElasticsearchClient client;
    private final String prefix;
    private final int knownDocuments;
    private final Set<String> groupsWithNewIndices = Collections.synchronizedSet(new LinkedHashSet<>());
    /** One per index: the projections of a group that share an index share what is known of it. */
    private final Map<String, ElasticsearchReadModelIndex> byName = new ConcurrentHashMap<>();

    public ElasticsearchReadModelIndexes(ElasticsearchClient client,
                            @Value("${ris.elasticsearch.index-prefix:ris-}") String prefix,
                            @Value("${ris.read-models.known-documents:10000}") int knownDocuments) {
        this.client = client;
        this.prefix = prefix;
        this.knownDocuments = knownDocuments;
    }

    @Override
    public ElasticsearchReadModelIndex prepare(String processingGroup, String baseName) {
        ElasticsearchReadModelIndex index = ofSameGroup(baseName);
        ElasticsearchReadModelIndex.Preparation preparation = index.prepare();
        if (preparation != ElasticsearchReadModelIndex.Preparation.CURRENT) {
            log.info("Index {} of read model {} {} (definition {})", index.name(), processingGroup,
                    preparation == ElasticsearchReadModelIndex.Preparation.CREATED ? "created"
                            : "replaced: its definition changed",
                    index.definitionDigest());
            groupsWithNewIndices.add(processingGroup);
        }
        return index;
    }

    @Override
    public ElasticsearchReadModelIndex ofSameGroup(String baseName) {
        return byName.computeIfAbsent(baseName,
                name -> new ElasticsearchReadModelIndex(client, prefix, name, knownDocuments));
    }

    @Override
    public String nameOf(String baseName) {
        return prefix + baseName;
    }

    @Override
    public Set<String> groupsWithNewIndices() {
        synchronized (groupsWithNewIndices) {
            return Set.copyOf(groupsWithNewIndices);
        }
    }
}
