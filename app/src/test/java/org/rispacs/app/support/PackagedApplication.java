package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged jar ({@code app/target/ris-pacs.jar}) run as an operator runs it, in a process of
 * its own, on loopback ports chosen here, with an integration account for the REST API. Each
 * {@link #start()} appends to one log in the data directory, so restarts keep one history.
 */
public final class PackagedApplication implements AutoCloseable {

    public static final Path JAR = Path.of("target", "ris-pacs.jar");
    public static final String API_USER = "jar-it";
    public static final String API_PASSWORD = "jar-it-integration-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path dataDir;
    private final List<String> extraArguments;
    private final int httpPort = FreePort.next();
    private final int dicomPort = FreePort.next();
    private final int hl7Port = FreePort.next();
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param dataDir        the application's {@code ris.data-dir}
     * @param extraArguments further {@code --name=value} settings (e.g. an external database)
     */
    public PackagedApplication(Path dataDir, List<String> extraArguments) {
        this.dataDir = dataDir;
        this.extraArguments = List.copyOf(extraArguments);
        this.log = dataDir.resolve("app.log");
    }

    /** Settings that put the jar on the machine's PostgreSQL (a fresh schema) and the test node. */
    public static List<String> onTestDependencies(String indexPrefix) {
        String schema = TestPostgres.newSchema();
        return List.of("--spring.datasource.url=" + TestPostgres.urlFor(schema),
                "--spring.datasource.username=" + TestPostgres.USER, "--spring.flyway.schemas=" + schema,
                "--ris.elasticsearch.url=" + TestElasticsearch.url(),
                "--ris.elasticsearch.index-prefix=" + indexPrefix);
    }

    /** Starts the process and waits until its health is UP. */
    public PackagedApplication start() throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package builds it before the integration tests)").exists();
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + httpPort, "--ris.data-dir=" + dataDir,
                "--ris.dicom.port=" + dicomPort, "--ris.dicom.bind-address=127.0.0.1",
                "--ris.hl7.port=" + hl7Port, "--ris.hl7.bind-address=127.0.0.1",
                "--ris.security.integration-user=" + API_USER, "--ris.security.integration-password=" + API_PASSWORD));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitHealthUp();
        return this;
    }

    /** SIGTERM, as an operator's stop; fails if the process does not end within 90 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not stop within 90 s of SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hook, no flush, as a power cut or the OOM killer ends it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed process ended").isTrue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            stop();
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    public int dicomPort() {
        return dicomPort;
    }

    public int hl7Port() {
        return hl7Port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** GET with the integration account; requires 200 and returns the JSON body. */
    public JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** GET with the integration account, answered as it came (any status). */
    public HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(request(pathAndQuery).GET());
    }

    /** POST of a JSON body with the integration account; returns the response as it came. */
    public HttpResponse<String> postJson(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        String basic = Base64.getEncoder().encodeToString(
                (API_USER + ":" + API_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(baseUri().resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The log's lines so far, from every start. */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = logLines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthUp() {
        AtomicReference<String> last = new AtomicReference<>("no answer");
        try {
            // an exit is no reason to wait on: only a listener not yet listening is
            Eventually.within(START_TIMEOUT).ignoreNoExceptions().pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("the application exited; its log:\n%s", tail()).isTrue();
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(baseUri()
                            .resolve("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    last.set(health.body());
                    return health.statusCode() == 200 && JSON.readTree(last.get()).get("status").asText().equals("UP");
                } catch (IOException notListeningYet) {
                    last.set(notListeningYet.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("health not UP within " + START_TIMEOUT + "; last answer: " + last.get() + "\n"
                    + tail(), e);
        }
    }
}
