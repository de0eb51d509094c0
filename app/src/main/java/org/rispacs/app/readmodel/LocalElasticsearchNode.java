package org.rispacs.app.readmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single Elasticsearch node run from the official distribution zip, for the zero-setup
 * default and for tests. It is bound to 127.0.0.1 on a free port, keeps its data in its work
 * folder, and runs as a dedicated unprivileged user when this JVM runs as root, because
 * Elasticsearch refuses to run as root.
 */
public final class LocalElasticsearchNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearchNode.class);
    private static final String CLUSTER_NAME = "ris-pacs-local";

    /** Where and how to run the node. */
    public record Settings(Path distributionZip, Path workDir, Path javaHome, String heap, String runAsUser,
                           Duration startTimeout) {
    }

    private final Path workDir;
    private final Path pidFile;
    private final Process launcher;
    private final URI httpUri;
    /** Read once the node is up, so that stopping it does not depend on its pid file still being there. */
    private Optional<ProcessHandle> node = Optional.empty();

    /** Where the node logged before this launch ended: what follows is this launch's. */
    private final long nodeLogSizeAtLaunch;

    private LocalElasticsearchNode(Path workDir, Path pidFile, Process launcher, URI httpUri,
                                   long nodeLogSizeAtLaunch) {
        this.nodeLogSizeAtLaunch = nodeLogSizeAtLaunch;
        this.workDir = workDir;
        this.pidFile = pidFile;
        this.launcher = launcher;
        this.httpUri = httpUri;
    }

    public URI httpUri() {
        return httpUri;
    }

    public static LocalElasticsearchNode start(Settings settings) {
        return start(settings, false);
    }

    /** A node that starts with no indices: whatever an earlier run left in its folder is discarded (tests). */
    public static LocalElasticsearchNode startEmpty(Settings settings) {
        return start(settings, true);
    }

    /**
     * The ports are chosen free just before the node binds them; on a busy machine an outgoing
     * connection can take one as its own (ephemeral) port meanwhile, so a node that found a port
     * taken is started again on others.
     */
    private static LocalElasticsearchNode start(Settings settings, boolean discardEarlierData) {
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(settings, discardEarlierData);
            } catch (PortTaken taken) {
                if (attempt == 3) {
                    throw taken;
                }
                log.warn("The local Elasticsearch node found a port taken; starting it on others");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local Elasticsearch node in " + settings.workDir(), e);
            }
        }
    }

    /** The node exited because a port it was given was taken by the time it bound it. */
    private static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static LocalElasticsearchNode launch(Settings settings, boolean discardEarlierData) throws IOException {
        Path workDir = settings.workDir().toAbsolutePath().normalize();
        Files.createDirectories(workDir);
        Path home = unpack(settings.distributionZip(), workDir);
        Path logs = Files.createDirectories(workDir.resolve("logs"));
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        Path pidFile = logs.resolve("elasticsearch.pid");
        stopLeftover(pidFile);
        if (discardEarlierData) {
            ProcessUsers.deleteRecursively(workDir.resolve("data"));
        }
        Path data = Files.createDirectories(workDir.resolve("data"));

        List<String> command = new ArrayList<>();
        if (ProcessUsers.isRoot()) {
            ProcessUsers.ensureSystemUser(settings.runAsUser());
            ProcessUsers.requireTraversable(workDir, settings.runAsUser());
            ProcessUsers.chownRecursively(workDir, settings.runAsUser());
            command.addAll(List.of("runuser", "-u", settings.runAsUser(), "--"));
        }
        int httpPort = freePort();
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(),
                "-p", pidFile.toString(),
                "-E", "cluster.name=" + CLUSTER_NAME,
                "-E", "node.name=ris-pacs-local",
                "-E", "discovery.type=single-node",
                "-E", "xpack.security.enabled=false",
                "-E", "network.host=127.0.0.1",
                "-E", "http.port=" + httpPort,
                "-E", "transport.port=" + freePort(),
                "-E", "path.data=" + data,
                "-E", "path.logs=" + logs,
                // A nearly full disk must not turn the read models read-only on a workstation.
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false",
                // One installation holds ~40 single-shard indices; the default cap of 1000 shards is
                // reached by a test suite whose contexts each keep their own index set on one node.
                "-E", "cluster.max_shards_per_node=4000"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.put("ES_JAVA_HOME", settings.javaHome().toString());
        env.put("ES_TMPDIR", tmp.toString());
        env.put("ES_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());

        log.info("Starting local Elasticsearch node from {} on 127.0.0.1:{} (data in {})", home, httpPort, data);
        Path nodeLog = nodeLog(workDir);
        long nodeLogSize = Files.exists(nodeLog) ? Files.size(nodeLog) : 0;
        Process launcher = builder.start();
        URI httpUri = URI.create("http://127.0.0.1:" + httpPort);
        LocalElasticsearchNode node = new LocalElasticsearchNode(workDir, pidFile, launcher, httpUri, nodeLogSize);
        try {
            node.awaitReady(settings.startTimeout());
            node.node = readPid(pidFile).flatMap(ProcessHandle::of);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        log.info("Local Elasticsearch node ready at {}", httpUri);
        return node;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(
                        httpUri.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                String message = "Elasticsearch exited with code " + launcher.exitValue()
                        + " before it was ready; its output:\n" + consoleTail();
                throw logSinceLaunch().contains("Address already in use") ? new PortTaken(message)
                        : new IllegalStateException(message);
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the node is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
            }
            sleepQuietly(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Elasticsearch was not ready within " + timeout + "; its output:\n"
                + consoleTail());
    }

    /** What the node logged since this launch (its log file is appended to by every start). */
    private String logSinceLaunch() {
        Path nodeLog = nodeLog(workDir);
        try {
            byte[] all = Files.exists(nodeLog) ? Files.readAllBytes(nodeLog) : new byte[0];
            int from = (int) Math.min(all.length, nodeLogSizeAtLaunch);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The node's own log: {@code <path.logs>/<cluster.name>.log}. */
    private static Path nodeLog(Path workDir) {
        return workDir.resolve("logs").resolve(CLUSTER_NAME + ".log");
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("logs/console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    /** Stops the node and waits for it to exit, so that its data is flushed and its lock released. */
    @Override
    public void close() {
        Optional<ProcessHandle> node = this.node.isPresent() ? this.node : readPid(pidFile).flatMap(ProcessHandle::of);
        node.ifPresent(ProcessHandle::destroy);
        launcher.destroy();
        node.ifPresent(handle -> waitForExit(handle, Duration.ofSeconds(30)));
        waitForExit(launcher.toHandle(), Duration.ofSeconds(5));
        log.info("Local Elasticsearch node at {} stopped", httpUri);
    }

    private static void waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    /** A node left behind by a JVM that was killed holds the data folder's lock: stop it first. */
    private static void stopLeftover(Path pidFile) {
        readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(handle -> handle.info().commandLine().map(c -> c.contains("elasticsearch")).orElse(false))
                .ifPresent(handle -> {
                    log.warn("Stopping Elasticsearch node {} left running by an earlier start", handle.pid());
                    handle.destroy();
                    waitForExit(handle, Duration.ofSeconds(30));
                });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Unpacks the distribution once into the work folder; returns the Elasticsearch home. */
    private static Path unpack(Path zip, Path workDir) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Elasticsearch distribution not found at " + zip);
        }
        String version = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path home = workDir.resolve(version);
        if (Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Path staging = Files.createTempDirectory(workDir, "unpack-");
        Path topFolder = null;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("zip entry escapes its folder: " + entry.getName());
                }
                if (topFolder == null) {
                    topFolder = staging.resolve(staging.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (topFolder == null) {
            throw new IOException("empty Elasticsearch distribution " + zip);
        }
        // java.util.zip does not carry Unix modes: the launch scripts must be made executable.
        try (Stream<Path> scripts = Files.list(topFolder.resolve("bin"))) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(script);
                modes.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(script, modes);
            }
        }
        Files.move(topFolder, home, StandardCopyOption.ATOMIC_MOVE);
        ProcessUsers.deleteRecursively(staging);
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
