package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rispacs.api.common.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
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
    private Map<String, ElasticsearchReadModelIndex.Preparation> preparedAtStart;

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
        ElasticsearchReadModelIndex.Preparation preparation = preparedAtStart().get(baseName);
        if (preparation == null) {
            preparation = index.prepare();
        }
        if (preparation != ElasticsearchReadModelIndex.Preparation.CURRENT) {
            log.info("Index {} of read model {} {} (definition {})", index.name(), processingGroup,
                    preparation == ElasticsearchReadModelIndex.Preparation.CREATED ? "created"
                            : "replaced: its definition changed",
                    index.definitionDigest());
            groupsWithNewIndices.add(processingGroup);
        }
        return index;
    }

    /**
     * Every index defined on the class path, prepared at once when the first projection asks for
     * its own: Elasticsearch then creates them together (a fresh start took ~5 s creating 26
     * indices one after another as each projection was made).
     */
    private synchronized Map<String, ElasticsearchReadModelIndex.Preparation> preparedAtStart() {
        if (preparedAtStart == null) {
            List<String> baseNames = definitions();
            ExecutorService preparing = Executors.newFixedThreadPool(Math.max(1, Math.min(8, baseNames.size())),
                    DaemonThreads.numbered("index-preparation"));
            try {
                Map<String, Future<ElasticsearchReadModelIndex.Preparation>> pending = new LinkedHashMap<>();
                baseNames.forEach(name -> pending.put(name, preparing.submit(() -> ofSameGroup(name).prepare())));
                Map<String, ElasticsearchReadModelIndex.Preparation> done = new HashMap<>();
                for (var entry : pending.entrySet()) {
                    done.put(entry.getKey(), entry.getValue().get());
                }
                preparedAtStart = done;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing the read models' indices", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException("cannot prepare the read models' indices", e.getCause());
            } finally {
                preparing.shutdown();
            }
        }
        return preparedAtStart;
    }

    private static List<String> definitions() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:/elasticsearch/*.json");
            return Arrays.stream(found).map(Resource::getFilename).filter(Objects::nonNull)
                    .map(file -> file.substring(0, file.length() - ".json".length())).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the read models' index definitions", e);
        }
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
