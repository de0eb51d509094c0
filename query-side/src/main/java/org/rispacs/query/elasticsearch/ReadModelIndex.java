package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One Elasticsearch index of a read model: its name (with the deployment's prefix, so that
 * several installations or test contexts can share a node) and its mapping, kept as a JSON
 * resource beside the projection that writes it.
 */
public final class ReadModelIndex {

    private final ElasticsearchClient client;
    private final String name;
    private final String mappingResource;

    /** The index {@code <prefix><baseName>}, defined by the resource {@code /elasticsearch/<baseName>.json}. */
    public ReadModelIndex(ElasticsearchClient client, String prefix, String baseName) {
        this.client = client;
        this.name = prefix + baseName;
        this.mappingResource = "/elasticsearch/" + baseName + ".json";
    }

    public String name() {
        return name;
    }

    /** Creates the index with its mapping unless it exists. */
    public void ensureExists() {
        try {
            if (!client.indices().exists(e -> e.index(name)).value()) {
                create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Elasticsearch to prepare index " + name, e);
        }
    }

    /** Drops and creates the index, as a replay from the first event needs. */
    public void recreate() {
        try {
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
            create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recreate index " + name, e);
        }
    }

    private void create() throws IOException {
        try (InputStream mapping = ReadModelIndex.class.getResourceAsStream(mappingResource)) {
            if (mapping == null) {
                throw new IllegalStateException("missing index definition " + mappingResource);
            }
            client.indices().create(c -> c.index(name).withJson(mapping));
        }
    }
}
