package org.rispacs.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A read model's index in Elasticsearch: its name (with the deployment's prefix, so that
 * several installations or test contexts can share a node) and its definition (settings and
 * mapping), kept as a JSON resource beside the projection that writes it.
 *
 * <p>The definition is versioned by its content: the index records the digest of the definition
 * it was created from in its mapping's {@code _meta}, and an index made from another definition
 * is replaced at start, so that its read model is rebuilt by replay.
 */
public final class ElasticsearchReadModelIndex implements ReadModelIndex {

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
    private static final String BATCH_RESOURCE = ElasticsearchReadModelIndex.class.getName() + ".batch:";

    private final ElasticsearchClient client;
    private final String name;
    private final String definitionResource;
    private final byte[] definition;
    private final String digest;
    private final KnownDocuments known;
    private final ObjectMapper documents;

    /**
     * The index {@code <prefix><baseName>}, defined by the resource {@code /elasticsearch/<baseName>.json};
     * its projection's lookups by id remember up to {@code knownDocuments} documents (see {@link KnownDocuments}).
     */
    public ElasticsearchReadModelIndex(ElasticsearchClient client, String prefix, String baseName, int knownDocuments) {
        this.client = client;
        this.known = new KnownDocuments(knownDocuments, 10 * knownDocuments);
        this.documents = (client._jsonpMapper() instanceof JacksonJsonpMapper jackson ? jackson
                : ElasticsearchClients.jsonpMapper()).objectMapper();
        this.name = prefix + baseName;
        this.definitionResource = "/elasticsearch/" + baseName + ".json";
        this.definition = load(definitionResource);
        this.digest = sha256(definition).substring(0, 16);
    }

    @Override
    public String name() {
        return name;
    }

    /** The digest of the definition this index must be made from. */
    public String definitionDigest() {
        return digest;
    }

    /**
     * Merges {@code fields} into the document {@code id}, creating it if missing. Within a batch
     * of events the write is held and sent with the batch's other writes in one bulk request
     * before the batch's token is committed; outside one it is sent at once.
     */
    @Override
    public void upsert(String id, Map<String, Object> fields) {
        PendingWrites batch = batchWrites();
        if (batch == null) {
            call("upsert into", () -> client.update(u -> u.index(name).id(id).doc(fields).docAsUpsert(true),
                    Map.class));
            known.forget(id);
        } else {
            batch.merge(id, fields);
        }
    }

    /** Writes {@code document} whole as {@code id}, replacing what was there; batched as {@link #upsert}. */
    @Override
    public void put(String id, Map<String, Object> document) {
        PendingWrites batch = batchWrites();
        if (batch == null) {
            call("write to", () -> client.index(i -> i.index(name).id(id).document(document)));
            known.forget(id);
        } else {
            batch.replace(id, document);
        }
    }

    /** Removes the document {@code id} if there is one; batched as {@link #upsert}. */
    @Override
    public void delete(String id) {
        PendingWrites batch = batchWrites();
        if (batch == null) {
            call("delete from", () -> client.delete(d -> d.index(name).id(id)));
            known.forget(id);
        } else {
            batch.delete(id);
        }
    }

    /**
     * The document {@code id} as this batch's writes leave it, or null: from the batch, from what
     * this projection knows of its index, or else by a real-time get (no refresh needed).
     */
    @SuppressWarnings("unchecked")
    @Override
    public Map<String, Object> find(String id) {
        PendingWrites batch = batchWrites();
        Map<String, Object> stored = null;
        if (batch == null || batch.needsStored(id)) {
            Optional<Map<String, Object>> remembered = known.lookup(id);
            if (remembered != null) {
                stored = remembered.orElse(null);
            } else {
                var response = call("read from", () -> client.get(g -> g.index(name).id(id), Map.class));
                stored = response.found() ? response.source() : null;
                known.read(id, stored);
            }
        }
        return batch == null ? stored : batch.over(id, stored);
    }

    /** {@link #find(String)}, read as {@code type} the way the client reads documents. */
    @Override
    public <T> T find(String id, Class<T> type) {
        Map<String, Object> document = find(id);
        return document == null ? null : convert(document, type);
    }

    /** {@code value} as the document the client would write for it. */
    @SuppressWarnings("unchecked")
    @Override
    public Map<String, Object> asDocument(Object value) {
        return convert(value, Map.class);
    }

    /** Through JSON text, as the client does, with its mapper; its buffers recycled (JsonData allocates them anew). */
    private <T> T convert(Object value, Class<T> type) {
        try {
            return documents.readValue(documents.writeValueAsBytes(value), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot convert a document of index " + name, e);
        }
    }

    /**
     * Makes this index's writes searchable once the batch of events being handled is done, for an
     * index that a client or a modality searches right after the write: one refresh per batch
     * (during a burst, a batch holds many events) instead of one per write, before the batch's
     * token is committed and before subscription queries are told. Outside an event handler the
     * refresh is immediate. While replaying nothing is refreshed: nobody waits on a rebuild's
     * writes, and the index's refresh interval makes them searchable soon enough.
     */
    @Override
    public void refreshAfterBatch() {
        PendingWrites batch = batchWrites();
        if (batch == null) {
            refresh();
        } else if (!isReplay(CurrentUnitOfWork.get().root())) {
            batch.refreshWhenSent();
        }
    }

    /** This index's writes held by the current batch of events, or null outside one. */
    private PendingWrites batchWrites() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH_RESOURCE + name, key -> {
            PendingWrites writes = new PendingWrites();
            known.batchStarts();
            batch.onPrepareCommit(done -> send(writes));
            batch.onRollback(failed -> known.forgetAll());
            return writes;
        });
    }

    private static boolean isReplay(UnitOfWork<?> batch) {
        return batch.getMessage() instanceof TrackedEventMessage<?> event && ReplayToken.isReplay(event);
    }

    /** One bulk request, which also refreshes the index when the batch asked for it (no second round trip). */
    private void send(PendingWrites writes) {
        if (writes.isEmpty()) {
            if (writes.refreshRequested()) {
                refresh();
            }
            return;
        }
        Refresh refresh = writes.refreshRequested() ? Refresh.True : Refresh.False;
        Map<String, Optional<Map<String, Object>>> outcome = writes.outcome(known::lookup);
        List<BulkOperation> operations = writes.drain(name);
        BulkResponse response;
        try {
            response = call("write to", () -> client.bulk(b -> b.operations(operations).refresh(refresh)));
        } catch (RuntimeException failed) {
            known.forgetAll();
            throw failed;
        }
        if (!response.errors()) {
            known.stored(outcome);
        } else {
            known.forgetAll();
            String failures = response.items().stream().filter(item -> item.error() != null)
                    .map(item -> item.id() + ": " + item.error().reason()).limit(5).toList().toString();
            throw new IllegalStateException("bulk write to index " + name + " failed for " + failures);
        }
    }

    private void refresh() {
        call("refresh", () -> client.indices().refresh(r -> r.index(name)));
    }

    private interface ElasticsearchCall<T> {
        T run() throws IOException;
    }

    private <T> T call(String action, ElasticsearchCall<T> request) {
        try {
            return request.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + action + " index " + name, e);
        }
    }

    /** Creates the index unless it exists; replaces it when it was made from another definition. */
    public Preparation prepare() {
        try {
            if (!client.indices().exists(e -> e.index(name)).value()) {
                create();
                known.empty();
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
    @Override
    public void recreate() {
        try {
            known.forgetAll();
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
            create();
            known.empty();
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
        try (InputStream in = ElasticsearchReadModelIndex.class.getResourceAsStream(resource)) {
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
