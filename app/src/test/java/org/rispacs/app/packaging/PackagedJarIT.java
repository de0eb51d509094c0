package org.rispacs.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar the way the README tells an operator to, on its embedded defaults
 * (its own PostgreSQL and its own Elasticsearch node), and checks that an order survives a
 * restart in both the event store and the read model.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "ris-pacs.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_USER = "jar-it";
    private static final String API_PASSWORD = "jar-it-integration-secret";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (API_USER + ":" + API_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process app;
    private Path log;
    private int dicomPort;
    private int hl7Port;

    @Test
    void startsOnEmbeddedDefaultsAndKeepsOrdersAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("ris-jar-data");
        log = dataDir.resolve("app.log");
        int port = freePort();
        dicomPort = freePort();
        hl7Port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);

        app = start(dataDir, port);
        awaitHealthUp(base);
        assertThat(oneTimePasswordLines()).as("the admin's one-time password, logged once").hasSize(1);
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(base.resolve("/api/orders"))
                .header("Content-Type", "application/json").header("Authorization", BASIC)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"patientId":"P-JAR","patientIdIssuer":"HOSP","procedureCode":"MRBRAIN",
                         "modality":"MR","priority":"ROUTINE"}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(placed.body());
        String orderId = order.get("orderId").asText();
        String accession = order.get("accessionNumber").asText();

        stop(app);
        assertThat(app.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        assertNotRunning(dataDir.resolve("elasticsearch/logs/elasticsearch.pid"), "Elasticsearch");
        assertNotRunning(dataDir.resolve("postgres/postmaster.pid"), "PostgreSQL");

        app = start(dataDir, port);
        awaitHealthUp(base);
        assertThat(getJson(base.resolve("/api/orders/" + orderId))).isEqualTo(order);
        assertThat(getJson(base.resolve("/api/orders?accession=" + accession))).containsExactly(order);
        assertThat(oneTimePasswordLines()).as("no second admin password after a restart").hasSize(1);
    }

    private List<String> oneTimePasswordLines() throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("Created user 'admin' with the one-time password")).toList();
        }
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null && app.isAlive()) {
            stop(app);
        }
    }

    private Process start(Path dataDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port, "--ris.data-dir=" + dataDir,
                "--ris.dicom.port=" + dicomPort, "--ris.dicom.bind-address=127.0.0.1",
                "--ris.hl7.port=" + hl7Port, "--ris.hl7.bind-address=127.0.0.1",
                "--ris.security.integration-user=" + API_USER, "--ris.security.integration-password=" + API_PASSWORD)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private void awaitHealthUp(URI base) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as("the application exited; its log:\n%s", tail()).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = health.body();
                if (health.statusCode() == 200 && JSON.readTree(last).get("status").asText().equals("UP")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health not UP within 4 minutes; last answer: " + last + "\n" + tail());
    }

    private JsonNode getJson(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", BASIC).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not stop within 90 s of SIGTERM");
        }
    }

    private static void assertNotRunning(Path pidFile, String what) throws IOException {
        Optional<ProcessHandle> leftover = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                : Optional.empty();
        assertThat(leftover.filter(ProcessHandle::isAlive)).as(what + " still running after the app stopped").isEmpty();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
