package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * One Elasticsearch index of a read model: its name (with the deployment's prefix, so that
 * several installations or test contexts can share a node) and its definition (settings and
 * mapping), kept as a JSON resource beside the projection that writes it.
 *
 * <p>The definition is versioned by its content: the index records the digest of the definition
 * it was created from in its mapping's {@code _meta}, and an index made from another definition
 * is replaced at start, so that its read model is rebuilt by replay.
 */
public final class ReadModelIndex {

    /** What {@link #prepare()} found. */
    public enum Preparation {
        /** The index exists and was made from the current definition. */
        CURRENT,
        /** There was no index: it was created, empty. */
        CREATED,
        /** The index was made from an older definition: it was dropped and created, empty. */
        REPLACED
    }

    private static final String DEFINITION_META = "definition";
    private static final String REFRESH_RESOURCE = ReadModelIndex.class.getName() + ".refresh:";

    private final ElasticsearchClient client;
    private final String name;
    private final String definitionResource;
    private final byte[] definition;
    private final String digest;

    /** The index {@code <prefix><baseName>}, defined by the resource {@code /elasticsearch/<baseName>.json}. */
    public ReadModelIndex(ElasticsearchClient client, String prefix, String baseName) {
        this.client = client;
        this.name = prefix + baseName;
        this.definitionResource = "/elasticsearch/" + baseName + ".json";
        this.definition = load(definitionResource);
        this.digest = sha256(definition).substring(0, 16);
    }

    public String name() {
        return name;
    }

    /** The digest of the definition this index must be made from. */
    public String definitionDigest() {
        return digest;
    }

    /**
     * Makes this index's writes searchable once the batch of events being handled is done, for an
     * index that a client or a modality searches right after the write: one refresh per batch
     * (during a burst, a batch holds many events) instead of one per write, before the batch's
     * token is committed and before subscription queries are told. Outside an event handler the
     * refresh is immediate. While replaying nothing is refreshed: nobody waits on a rebuild's
     * writes, and the index's refresh interval makes them searchable soon enough.
     */
    public void refreshAfterBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            refresh();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.getMessage() instanceof TrackedEventMessage<?> event && ReplayToken.isReplay(event)) {
            return;
        }
        if (batch.resources().putIfAbsent(REFRESH_RESOURCE + name, Boolean.TRUE) == null) {
            batch.onPrepareCommit(done -> refresh());
        }
    }

    private void refresh() {
        try {
            client.indices().refresh(r -> r.index(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh index " + name, e);
        }
    }

    /** Creates the index unless it exists; replaces it when it was made from another definition. */
    public Preparation prepare() {
        try {
            if (!client.indices().exists(e -> e.index(name)).value()) {
                create();
                return Preparation.CREATED;
            }
            if (digest.equals(recordedDigest())) {
                return Preparation.CURRENT;
            }
            recreate();
            return Preparation.REPLACED;
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

    private String recordedDigest() throws IOException {
        IndexMappingRecord mapping = client.indices().getMapping(g -> g.index(name)).get(name);
        if (mapping == null || mapping.mappings() == null) {
            return null;
        }
        JsonData recorded = mapping.mappings().meta().get(DEFINITION_META);
        return recorded == null ? null : recorded.to(String.class);
    }

    // Recorded after creation: an index that lost the race with a crash has no digest and is
    // replaced at the next start, which is the safe outcome.
    private void create() throws IOException {
        client.indices().create(c -> c.index(name).withJson(new ByteArrayInputStream(definition)));
        client.indices().putMapping(m -> m.index(name).meta(DEFINITION_META, JsonData.of(digest)));
    }

    private static byte[] load(String resource) {
        try (InputStream in = ReadModelIndex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing index definition " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index definition " + resource, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
