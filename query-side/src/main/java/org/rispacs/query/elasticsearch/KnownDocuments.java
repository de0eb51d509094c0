package org.rispacs.query.elasticsearch;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What a projection already knows of its own index, so that its lookups by id do not each cost
 * a request to Elasticsearch (and, for a document written but not yet refreshed, a refresh
 * there): the documents it wrote or read most recently, as Elasticsearch holds them after the
 * bulk requests sent so far. Sound because a read model's index is written by its processing
 * group alone, one batch at a time.
 *
 * <p>After the index was created empty (at a rebuild, say) the cache is also <em>complete</em>:
 * an id it never saw written is known to be absent, without asking. It stays complete while the
 * ids of the documents written fit in {@code maxIds}; beyond that, or after any failure whose
 * effect on the index is unknown, lookups it cannot answer go to Elasticsearch again.
 *
 * <p>With several application nodes, another node may have written the index while this one did
 * not own the processor's segment. A node loses a segment only by not extending its claim for the
 * token store's claim timeout (10 s), that is by handling no batch meanwhile; so what is known is
 * forgotten when {@link #SILENCE} has passed since this index's last batch, and after a batch that
 * failed. That costs an idle read model a few lookups, never a stale one.
 */
final class KnownDocuments {

    /** Shorter than the claim timeout after which another node may take the segment over. */
    static final Duration SILENCE = Duration.ofSeconds(5);

    private final int maxDocuments;
    private final LongSupplier nanoTime;
    private long lastBatchNanos;
    private final int maxIds;
    private final LinkedHashMap<String, Optional<Map<String, Object>>> recent;
    private Set<String> written;

    KnownDocuments(int maxDocuments, int maxIds) {
        this(maxDocuments, maxIds, System::nanoTime);
    }

    KnownDocuments(int maxDocuments, int maxIds, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastBatchNanos = nanoTime.getAsLong();
        this.maxDocuments = maxDocuments;
        this.maxIds = maxIds;
        this.recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Map<String, Object>>> eldest) {
                return size() > KnownDocuments.this.maxDocuments;
            }
        };
    }

    /** A batch of events begins writing to or reading this index: after a silence, nothing known is trusted. */
    synchronized void batchStarts() {
        long now = nanoTime.getAsLong();
        if (now - lastBatchNanos > SILENCE.toNanos()) {
            forgetAll();
        }
        lastBatchNanos = now;
    }

    /** The document as stored (empty: absent), or null when it is not known here. */
    synchronized Optional<Map<String, Object>> lookup(String id) {
        Optional<Map<String, Object>> known = recent.get(id);
        if (known != null) {
            return known.map(PendingWrites::deepCopy);
        }
        if (written != null && !written.contains(id)) {
            return Optional.empty();
        }
        return null;
    }

    /** What Elasticsearch answered for {@code id} (null: no such document). */
    synchronized void read(String id, Map<String, Object> stored) {
        recent.put(id, Optional.ofNullable(stored).map(PendingWrites::deepCopy));
        if (written != null && stored != null) {
            written.add(id);
        }
    }

    /** The documents a bulk request that succeeded left as given (empty: deleted). */
    synchronized void stored(Map<String, Optional<Map<String, Object>>> documents) {
        lastBatchNanos = nanoTime.getAsLong();
        documents.forEach((id, document) -> {
            recent.put(id, document);
            if (written != null && document.isPresent()) {
                written.add(id);
            }
        });
        if (written != null && written.size() > maxIds) {
            written = null;
        }
    }

    /** Forgets {@code id}: it was changed in a way not followed here. */
    synchronized void forget(String id) {
        recent.remove(id);
        if (written != null) {
            written.add(id);
        }
    }

    /** Forgets everything: what the index holds is not known any more. */
    synchronized void forgetAll() {
        recent.clear();
        written = null;
    }

    /** The index was just created: it holds nothing. */
    synchronized void empty() {
        lastBatchNanos = nanoTime.getAsLong();
        recent.clear();
        written = new HashSet<>();
    }
}
