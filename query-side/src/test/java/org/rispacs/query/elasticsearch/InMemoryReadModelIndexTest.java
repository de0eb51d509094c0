package org.rispacs.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryReadModelIndexTest {

    private record Placed(String orderId, Instant placedAt, String accessionNumber) {
    }

    private record Accession(String accessionNumber) {
    }

    private final InMemoryReadModelIndex index = new InMemoryReadModelIndex("orders");

    @Test
    void upsertMergesTopLevelFieldsAndKeepsDatesAsTextAndNullsAsWritten() {
        index.upsert("o1", new Placed("o1", Instant.parse("2026-12-07T10:15:30Z"), null));
        index.upsert("o1", new Accession("A1"));

        Map<String, Object> document = index.find("o1");
        assertThat(document).containsEntry("orderId", "o1").containsEntry("placedAt", "2026-12-07T10:15:30Z")
                .containsEntry("accessionNumber", "A1").hasSize(3);
        assertThat(index.find("o1", Placed.class))
                .isEqualTo(new Placed("o1", Instant.parse("2026-12-07T10:15:30Z"), "A1"));
    }

    @Test
    void aNullFieldOfAnUpsertClearsTheStoredValue() {
        Map<String, Object> denied = new HashMap<>();
        denied.put("denialReason", "no cover");
        denied.put("attempts", 2);
        index.upsert("c1", denied);
        Map<String, Object> resubmitted = new HashMap<>();
        resubmitted.put("denialReason", null);
        index.upsert("c1", resubmitted);

        assertThat(index.find("c1")).containsEntry("denialReason", null).containsEntry("attempts", 2);
    }

    @Test
    void objectsMergeFieldByFieldAndPutReplacesAndDeleteRemoves() {
        index.upsert("p1", Map.of("name", Map.of("family", "Doe", "given", "Jane"), "orderIds", List.of("o1")));
        index.upsert("p1", Map.of("name", Map.of("given", "Janet"), "orderIds", List.of("o2")));
        assertThat(index.find("p1")).isEqualTo(Map.of("name", Map.of("family", "Doe", "given", "Janet"),
                "orderIds", List.of("o2")));

        index.put("p1", Map.of("orderIds", List.of("o3")));
        assertThat(index.find("p1")).isEqualTo(Map.of("orderIds", List.of("o3")));

        index.delete("p1");
        assertThat(index.find("p1")).isNull();
        assertThat(index.documents()).isEmpty();
    }

    @Test
    void aDocumentReadIsACopy() {
        index.upsert("o1", Map.of("orderIds", List.of("a")));
        index.find("o1").put("orderIds", List.of("changed"));
        assertThat(index.find("o1")).containsEntry("orderIds", List.of("a"));
    }
}
