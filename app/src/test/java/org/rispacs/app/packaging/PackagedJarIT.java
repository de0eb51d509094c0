package org.rispacs.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.PackagedApplication;

/**
 * Starts the packaged jar the way the README tells an operator to, on its embedded defaults
 * (its own PostgreSQL and its own Elasticsearch node), and checks that an order survives a
 * restart in both the event store and the read model.
 */
class PackagedJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PackagedApplication app;

    @Test
    void startsOnEmbeddedDefaultsAndKeepsOrdersAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("ris-jar-data");
        app = new PackagedApplication(dataDir, List.of()).start();
        assertThat(oneTimePasswordLines()).as("the admin's one-time password, logged once").hasSize(1);
        HttpResponse<String> placed = app.postJson("/api/orders", """
                {"patientId":"P-JAR","patientIdIssuer":"HOSP","procedureCode":"MRBRAIN",
                 "modality":"MR","priority":"ROUTINE"}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(placed.body());
        String orderId = order.get("orderId").asText();
        String accession = order.get("accessionNumber").asText();

        app.stop();
        assertThat(app.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        assertNotRunning(dataDir.resolve("elasticsearch/logs/elasticsearch.pid"), "Elasticsearch");
        assertNotRunning(dataDir.resolve("postgres/postmaster.pid"), "PostgreSQL");

        app.start();
        assertThat(app.getJson("/api/orders/" + orderId)).isEqualTo(order);
        assertThat(app.getJson("/api/orders?accession=" + accession)).containsExactly(order);
        assertThat(oneTimePasswordLines()).as("no second admin password after a restart").hasSize(1);
    }

    private List<String> oneTimePasswordLines() throws IOException {
        return app.logLines().stream()
                .filter(line -> line.contains("Created user 'admin' with the one-time password")).toList();
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static void assertNotRunning(Path pidFile, String what) throws IOException {
        Optional<ProcessHandle> leftover = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                : Optional.empty();
        assertThat(leftover.filter(ProcessHandle::isAlive)).as(what + " still running after the app stopped").isEmpty();
    }
}
