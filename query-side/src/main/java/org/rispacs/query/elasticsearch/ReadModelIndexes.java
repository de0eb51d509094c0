package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Prepares the read models' indices as their projections are built, and remembers which
 * processing groups found an index missing or made from an older definition: those must be
 * rebuilt from the event store if their processor had already moved past the first event.
 */
@Component
public class ReadModelIndexes {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);

    private final ElasticsearchClient client;
    private final String prefix;
    private final Set<String> groupsWithNewIndices = Collections.synchronizedSet(new LinkedHashSet<>());

    public ReadModelIndexes(ElasticsearchClient client,
                            @Value("${ris.elasticsearch.index-prefix:ris-}") String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** The index {@code baseName} of the projection in {@code processingGroup}, ready to write. */
    public ReadModelIndex prepare(String processingGroup, String baseName) {
        ReadModelIndex index = new ReadModelIndex(client, prefix, baseName);
        ReadModelIndex.Preparation preparation = index.prepare();
        if (preparation != ReadModelIndex.Preparation.CURRENT) {
            log.info("Index {} of read model {} {} (definition {})", index.name(), processingGroup,
                    preparation == ReadModelIndex.Preparation.CREATED ? "created" : "replaced: its definition changed",
                    index.definitionDigest());
            groupsWithNewIndices.add(processingGroup);
        }
        return index;
    }

    /** The name of another read model's index, for a projection that only reads it. */
    /**
     * An index that another projection of the same processing group prepares, to read by id
     * within a batch: its reads see the batch's writes not yet sent.
     */
    public ReadModelIndex ofSameGroup(String baseName) {
        return new ReadModelIndex(client, prefix, baseName);
    }

    public String nameOf(String baseName) {
        return prefix + baseName;
    }

    /** The processing groups one of whose indices was created or replaced since this application started. */
    public Set<String> groupsWithNewIndices() {
        synchronized (groupsWithNewIndices) {
            return Set.copyOf(groupsWithNewIndices);
        }
    }
}
