package org.rispacs.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingWritesTest {

    private final PendingWrites writes = new PendingWrites();

    @Test
    void partialWritesToOneDocumentCollapseIntoOneUpdateMergedAsElasticsearchMerges() {
        writes.merge("o1", Map.of("status", "PLACED", "patient", Map.of("id", "P1", "issuer", "HOSP")));
        writes.merge("o1", Map.of("status", "SCHEDULED", "patient", Map.of("issuer", "OTHER")));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("room", null);
        writes.merge("o1", withNull);

        Map<String, Object> expected = new HashMap<>(Map.of("modality", "CT", "status", "SCHEDULED",
                "patient", Map.of("id", "P1", "issuer", "OTHER")));
        expected.put("room", null);
        assertThat(writes.over("o1", Map.of("modality", "CT", "room", "R2"))).isEqualTo(expected);
        List<BulkOperation> operations = writes.drain("idx");
        assertThat(operations).singleElement().satisfies(operation -> {
            assertThat(operation.isUpdate()).isTrue();
            assertThat(operation.update().id()).isEqualTo("o1");
            assertThat(operation.update().index()).isEqualTo("idx");
        });
        assertThat(writes.isEmpty()).as("drained").isTrue();
    }

    @Test
    void aDeleteHidesTheStoredDocumentAndAWriteAfterItReplacesIt() {
        writes.delete("s1");
        assertThat(writes.needsStored("s1")).isFalse();
        assertThat(writes.over("s1", Map.of("reason", "UNKNOWN_ACCESSION"))).isNull();

        writes.merge("s1", Map.of("reason", "PATIENT_MISMATCH"));
        assertThat(writes.over("s1", Map.of("reason", "UNKNOWN_ACCESSION", "old", true)))
                .isEqualTo(Map.of("reason", "PATIENT_MISMATCH"));
        assertThat(writes.drain("idx")).singleElement()
                .satisfies(operation -> assertThat(operation.isIndex()).isTrue());
    }

    @Test
    void aDocumentWrittenWholeNeedsNoStoredCopyAndIsNotChangedByItsCaller() {
        Map<String, Object> document = new HashMap<>(Map.of("type", "OrderPlacedEvent"));
        writes.replace("e1", document);
        document.put("type", "changed after the write");

        assertThat(writes.needsStored("e1")).isFalse();
        assertThat(writes.over("e1", null)).isEqualTo(Map.of("type", "OrderPlacedEvent"));
        assertThat(writes.needsStored("unknown")).isTrue();
        assertThat(writes.over("unknown", Map.of("a", 1))).isEqualTo(Map.of("a", 1));
    }

    @Test
    void aMergeIntoNothingStoredStartsFromAnEmptyDocument() {
        writes.merge("c1", Map.of("status", "CAPTURED"));
        assertThat(writes.over("c1", null)).isEqualTo(Map.of("status", "CAPTURED"));
        writes.delete("c2");
        assertThat(writes.drain("idx")).extracting(BulkOperation::isDelete).containsExactly(false, true);
    }
}
