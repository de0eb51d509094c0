package org.rispacs.app.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The order slice through real HTTP, a real event store and a real Elasticsearch node. Run
 * against each supported database by the subclasses.
 */
abstract class OrderApiContract {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = TestApi.builder(port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    ResponseEntity<JsonNode> placeOrder(Map<String, Object> body) {
        return http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    static Map<String, Object> ctChest(String patientId) {
        return Map.of("patientId", patientId, "patientIdIssuer", "HOSP", "procedureCode", "CTCHEST",
                "modality", "CT", "priority", "STAT");
    }

    @Test
    void aPlacedOrderCanBeReadBackAtOnceByIdAndByAccession() {
        ResponseEntity<JsonNode> placed = placeOrder(ctChest("P-1001"));

        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        JsonNode order = placed.getBody();
        String orderId = order.get("orderId").asText();
        String accession = order.get("accessionNumber").asText();
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);
        assertThat(accession).matches("[A-Z0-9]{1,16}");
        assertThat(order.get("patientId").asText()).isEqualTo("P-1001");
        assertThat(order.get("priority").asText()).isEqualTo("STAT");

        JsonNode byId = http.get().uri("/api/orders/{id}", orderId).retrieve().body(JsonNode.class);
        assertThat(byId).isEqualTo(order);

        // as a modality would send it: lower case, space-padded to even length
        JsonNode byAccession = http.get().uri("/api/orders?accession={a}", " " + accession.toLowerCase() + " ")
                .retrieve().body(JsonNode.class);
        assertThat(byAccession).hasSize(1);
        assertThat(byAccession.get(0)).isEqualTo(order);
    }

    @Test
    void concurrentOrdersGetDistinctAccessions() throws Exception {
        int orders = 24;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<ResponseEntity<JsonNode>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String patient = "P-C" + i;
                calls.add(CompletableFuture.supplyAsync(() -> placeOrder(ctChest(patient)), clients));
            }
            Set<String> accessions = new HashSet<>();
            for (CompletableFuture<ResponseEntity<JsonNode>> call : calls) {
                ResponseEntity<JsonNode> response = call.get();
                assertThat(response.getStatusCode().value()).isEqualTo(201);
                accessions.add(response.getBody().get("accessionNumber").asText());
            }
            assertThat(accessions).hasSize(orders);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aPlacerAccessionIsUsedOnceAndThenRefused() {
        String accession = "PLC" + System.nanoTime() % 1_000_000_000L;
        Map<String, Object> withAccession = new java.util.HashMap<>(ctChest("P-2001"));
        withAccession.put("accessionNumber", accession.toLowerCase());
        ResponseEntity<JsonNode> first = placeOrder(withAccession);
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getBody().get("accessionNumber").asText()).as("kept as sent")
                .isEqualTo(accession.toLowerCase());

        ResponseEntity<JsonNode> second = placeOrder(withAccession);
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getBody().get("code").asText()).isEqualTo("ACCESSION_IN_USE");
        assertThat(second.getBody().get("detail").asText()).containsIgnoringCase(accession);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(http.get().uri("/api/orders/{id}", "no-such-order").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
        assertThat(http.get().uri("/api/orders?accession=NOSUCH").retrieve().body(JsonNode.class)).isEmpty();
    }

    @Test
    void invalidOrdersAreRefusedWithTheReason() {
        ResponseEntity<JsonNode> badModality = placeOrder(Map.of("patientId", "P-1", "patientIdIssuer", "HOSP",
                "procedureCode", "CTCHEST", "modality", "ct scan", "priority", "STAT"));
        assertThat(badModality.getStatusCode().value()).isEqualTo(400);
        assertThat(badModality.getBody().get("detail").asText()).contains("modality");

        ResponseEntity<JsonNode> badPriority = placeOrder(Map.of("patientId", "P-1", "patientIdIssuer", "HOSP",
                "procedureCode", "CTCHEST", "modality", "CT", "priority", "SOON"));
        assertThat(badPriority.getStatusCode().value()).isEqualTo(400);
        assertThat(badPriority.getBody().get("detail").asText()).startsWith("priority:").contains("SOON");

        ResponseEntity<JsonNode> missingIssuer = placeOrder(Map.of("patientId", "P-1", "procedureCode", "CTCHEST",
                "modality", "CT", "priority", "STAT"));
        assertThat(missingIssuer.getStatusCode().value()).isEqualTo(400);
        assertThat(missingIssuer.getBody().get("detail").asText()).contains("patientIdIssuer");
    }

    @Test
    void healthIsUpWithEventStoreAndElasticsearch() {
        JsonNode health = http.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/elasticsearch/status").asText()).isEqualTo("UP");
    }
}
