package org.rispacs.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownDocumentsTest {

    @Test
    void aBatchThatSucceededIsRememberedAsElasticsearchHoldsIt() {
        KnownDocuments known = new KnownDocuments(10, 100);
        known.read("o1", Map.of("status", "PLACED", "modality", "CT"));
        PendingWrites batch = new PendingWrites();
        batch.merge("o1", Map.of("status", "SCHEDULED"));
        batch.delete("o2");
        batch.merge("o3", Map.of("status", "PLACED"));

        known.stored(batch.outcome(known::lookup));

        assertThat(known.lookup("o1")).contains(Map.of("status", "SCHEDULED", "modality", "CT"));
        assertThat(known.lookup("o2")).as("deleted").isEmpty();
        assertThat(known.lookup("o3")).as("merged into a document never read: not known").isNull();
    }

    @Test
    void afterTheIndexWasCreatedEmptyAnIdNeverWrittenIsKnownAbsentUntilTooManyIdsOrAFailure() {
        KnownDocuments known = new KnownDocuments(2, 3);
        assertThat(known.lookup("p1")).as("nothing known yet").isNull();

        known.empty();
        assertThat(known.lookup("p1")).isEmpty();
        PendingWrites batch = new PendingWrites();
        batch.merge("p1", Map.of("name", "Doe"));
        batch.merge("p2", Map.of("name", "Roe"));
        batch.merge("p3", Map.of("name", "Poe"));
        known.stored(batch.outcome(known::lookup));
        assertThat(known.lookup("p3")).contains(Map.of("name", "Poe"));
        assertThat(known.lookup("p1")).as("evicted but written: asked for again").isNull();
        assertThat(known.lookup("p9")).as("never written").isEmpty();

        PendingWrites more = new PendingWrites();
        more.merge("p4", Map.of("name", "Zoe"));
        known.stored(more.outcome(known::lookup));
        assertThat(known.lookup("p9")).as("more ids written than followed").isNull();

        known.empty();
        known.forgetAll();
        assertThat(known.lookup("p9")).as("after a failure").isNull();
    }

    @Test
    void afterASilenceLongerThanAnotherNodeNeedsToTakeTheSegmentOverNothingKnownIsTrusted() {
        long[] now = {0};
        KnownDocuments known = new KnownDocuments(10, 100, () -> now[0]);
        known.empty();
        known.batchStarts();
        known.read("o1", Map.of("status", "PLACED"));
        now[0] += KnownDocuments.SILENCE.toNanos() / 2;
        known.batchStarts();
        assertThat(known.lookup("o1")).contains(Map.of("status", "PLACED"));
        assertThat(known.lookup("o2")).as("still complete").isEmpty();

        now[0] += KnownDocuments.SILENCE.toNanos() + 1;
        known.batchStarts();
        assertThat(known.lookup("o1")).isNull();
        assertThat(known.lookup("o2")).isNull();
    }

    @Test
    void whatALookupAnswersIsACopyTheCallerMayChange() {
        KnownDocuments known = new KnownDocuments(10, 100);
        known.read("o1", new HashMap<>(Map.of("status", "PLACED")));
        Optional<Map<String, Object>> first = known.lookup("o1");
        first.orElseThrow().put("status", "CHANGED");
        assertThat(known.lookup("o1")).contains(Map.of("status", "PLACED"));
        known.forget("o1");
        assertThat(known.lookup("o1")).isNull();
    }
}
