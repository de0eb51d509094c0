package org.rispacs.app.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.FreePort;
import org.rispacs.app.support.MllpTestClient;
import org.rispacs.app.support.TestProperties;
import org.rispacs.hl7.mllp.MllpServer;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a test: the HL7 order intake benchmark, started by {@code bench/hl7-orders/run.sh} (failsafe
 * runs it only when named). S concurrent senders, each on its own MLLP connection, send N ORM^O01
 * NW orders in all (each with a requested start, so it is scheduled on a station) and time each
 * acknowledgement; the same load against a bare HAPI MLLP server that answers AA without any work
 * (in this JVM, on loopback) is the ceiling. Then, one order at a time, the time from its AA to
 * its entry in the modality worklist over REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Hl7OrderBench {

    private static final long GIVE_UP_NANOS = 30_000_000_000L;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
        registry.add("ris.hl7.modality-by-section.RAD-CT", () -> "CT");
        registry.add("ris.hl7.station-by-modality.CT", () -> "CT1");
        // the production default (Hikari's 10), not the tests' 5: every sender holds one while it waits
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
    }

    @Autowired
    MllpServer hl7;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    ReadModelIndexes indexes;

    @Test
    void measure() throws Exception {
        if (Integer.getInteger("bench.rate", 0) > 0) {
            paced(Integer.getInteger("bench.rate"), Integer.getInteger("bench.seconds", 300),
                    Integer.getInteger("bench.senders", 4));
            return;
        }
        int orders = Integer.getInteger("bench.n", 2000);
        int senders = Integer.getInteger("bench.senders", 4);
        int endToEnd = Integer.getInteger("bench.e2e", 100);
        // the JIT compiles for minutes after start: a short warm-up measures the compiler as much as the intake
        int warmUp = Integer.getInteger("bench.warmup", 200);
        String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        StringBuilder report = new StringBuilder();
        report.append("Run ").append(Instant.now()).append(": ").append(orders).append(" ORM^O01 NW, ")
                .append(senders).append(" concurrent senders (one connection each), after a warm-up of ")
                .append(warmUp).append(" orders; loopback; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n\n");
        report.append("| receiver | orders | wall s | orders/s | ACK p50 ms | ACK p90 ms | ACK p99 ms | max ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        try (HapiContext hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"))) {
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.setExecutorService(Executors.newCachedThreadPool(DaemonThreads.numbered("bench-hapi")));
            int echoPort = FreePort.next();
            HL7Service echo = hapi.newServer(echoPort, false);
            echo.registerApplication("*", "*", new AckWithoutWork());
            echo.startAndWait();
            try {
                // warm-up of both receivers (JIT, connection pools, first index writes), not measured
                load("127.0.0.1", echoPort, Math.min(400, orders), senders, "WE" + run);
                load("127.0.0.1", hl7.port(), warmUp, senders, "WR" + run);
                Load ceiling = load("127.0.0.1", echoPort, orders, senders, "E" + run);
                Load ours = load("127.0.0.1", hl7.port(), orders, senders, "R" + run);
                report.append(ceiling.row("bare HAPI MLLP server, AA without work (ceiling)"));
                report.append(ours.row("ris-pacs (order placed, scheduled, committed, then AA)"));
                report.append(String.format("%nours ÷ ceiling: throughput %.2f×, ACK p50 %.1f×, p99 %.1f× "
                                + "(latency multiples: higher is slower)%n%n", ours.perSecond() / ceiling.perSecond(),
                        ours.percentile(50) / ceiling.percentile(50), ours.percentile(99) / ceiling.percentile(99)));
            } finally {
                echo.stopAndWait();
            }
        }
        Path out = Path.of("target", "hl7-orders.md");
        Files.writeString(out, report.toString());
        // the projections work off the burst after its last AA: wait for that, then measure one by one
        long lastAccepted = System.nanoTime();
        String last = "R" + run + (orders - 1);
        double drained = until(lastAccepted, () -> scheduledInWorklist(last), found -> found, 600_000_000_000L);
        report.append(String.format("After the burst: the last order's worklist entry visible %.1f s after the"
                + " load ended (projection backlog).%n%n", drained / 1000));
        Files.writeString(out, report.toString());
        report.append(endToEnd(endToEnd, "V" + run));
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /**
     * A sustained load: {@code rate} orders a second for {@code seconds}, each sent when it is due
     * (open loop: an order waiting for a busy connection is late, and its ACK latency counts from
     * when it was due), spread over {@code connections}; and for each order, the time from its AA to
     * its scheduled entry in the modality worklist's index, which both the REST worklist and DICOM
     * C-FIND read. A single watcher searches the index for all orders still awaited every 10 ms,
     * so that watching adds almost no load (a REST read would append an access event each time).
     */
    private void paced(int rate, int seconds, int connections) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        int orders = rate * seconds;
        load("127.0.0.1", hl7.port(), Math.min(400, orders), connections, "WP" + run);
        Map<String, Long> awaited = new ConcurrentHashMap<>();
        List<double[]> visibleAt = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread watcher = new Thread(() -> {
            while (sending.get() || !awaited.isEmpty()) {
                try {
                    Thread.sleep(10);
                    List<String> pending = List.copyOf(awaited.keySet());
                    for (int from = 0; from < pending.size(); from += 1000) {
                        Set<String> found = scheduledInWorklist(pending.subList(from,
                                Math.min(pending.size(), from + 1000)));
                        long now = System.nanoTime();
                        for (String accession : found) {
                            Long accepted = awaited.remove(accession);
                            if (accepted != null) {
                                visibleAt.add(new double[] {(accepted - start) / 1e9, (now - accepted) / 1e6});
                            }
                        }
                    }
                } catch (InterruptedException stop) {
                    return;
                } catch (IOException retry) {
                    // the next round asks again
                }
            }
        }, "bench-worklist-watcher");
        watcher.setDaemon(true);
        watcher.start();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Double> ackMillis = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c;
                done.add(pool.submit(() -> {
                    try (Sender sender = new Sender("127.0.0.1", hl7.port())) {
                        for (int i = first; i < orders; i += connections) {
                            long due = start + (long) (i * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            String accession = "P" + run + i;
                            sender.send(order("P" + run, i, accession));
                            long accepted = System.nanoTime();
                            awaited.put(accession, accepted);
                            ackMillis.add((accepted - due) / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sent : done) {
                sent.get();
            }
        } finally {
            pool.shutdownNow();
            sending.set(false);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        watcher.join(600_000);
        StringBuilder report = new StringBuilder(String.format("Run %s: %d orders/s offered for %d s (%d ORM^O01 NW)"
                + " on %d MLLP connections, loopback; %d CPUs; sent in %.1f s (%.1f orders/s achieved)%n%n",
                Instant.now(), rate, seconds, orders, connections, Runtime.getRuntime().availableProcessors(),
                sendSeconds, orders / sendSeconds));
        List<Double> acks = new ArrayList<>(ackMillis);
        Collections.sort(acks);
        List<double[]> byTime = new ArrayList<>(visibleAt);
        byTime.sort(Comparator.comparingDouble(v -> v[0]));
        report.append("| measure | N | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        report.append(row("ACK (from when the order was due)", acks));
        report.append(row("AA → scheduled entry in the modality worklist, whole run",
                byTime.stream().map(v -> v[1]).sorted().toList()));
        int minutes = (int) Math.ceil(seconds / 60.0);
        for (int minute = 0; minute < minutes; minute++) {
            int m = minute;
            List<Double> inMinute = byTime.stream().filter(v -> v[0] >= m * 60 && v[0] < (m + 1) * 60)
                    .map(v -> v[1]).sorted().toList();
            if (!inMinute.isEmpty()) {
                report.append(row("… accepted in minute " + (minute + 1), inMinute));
            }
        }
        report.append(String.format("%nNot visible within 10 min of the end: %d.%n", awaited.size()));
        report.append(String.format("Memory: heap limit %d MiB; this JVM's peak resident set %s (the application with"
                + " its load generator; the Elasticsearch node is a process of its own).%n",
                Runtime.getRuntime().maxMemory() >> 20, peakResidentSet()));
        Files.writeString(Path.of("target", "hl7-orders-paced.md"), report);
        System.out.println(report);
    }

    /**
     * Which of {@code accessions} have their scheduled entry in the modality worklist's index (what
     * the REST worklist and DICOM C-FIND search), asked of Elasticsearch directly: a REST read
     * would append an access event each time, and polling so would load every event processor.
     */
    private Set<String> scheduledInWorklist(List<String> accessions) throws IOException {
        List<FieldValue> terms = accessions.stream().map(FieldValue::of).toList();
        var found = elasticsearch.search(q -> q.index(indexes.nameOf("modality-worklist")).size(terms.size())
                .source(f -> f.filter(i -> i.includes("accessionNumber"))).query(b -> b.bool(bool -> bool
                        .filter(t -> t.terms(ts -> ts.field("accessionNumber").terms(v -> v.value(terms))))
                        .filter(e -> e.exists(x -> x.field("scheduledStart"))))), JsonNode.class);
        return found.hits().hits().stream().map(hit -> hit.source().get("accessionNumber").asText())
                .collect(Collectors.toSet());
    }

    private boolean scheduledInWorklist(String accession) {
        try {
            return scheduledInWorklist(List.of(accession)).contains(accession);
        } catch (IOException e) {
            return false;
        }
    }

    private static String peakResidentSet() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring(6).trim()).findFirst().orElse("unknown");
    }

    private static String row(String measure, List<Double> sorted) {
        return String.format("| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", measure, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private String endToEnd(int count, String prefix) throws Exception {
        List<Double> visible = new ArrayList<>();
        try (Sender sender = new Sender("127.0.0.1", hl7.port())) {
            for (int i = 0; i < count; i++) {
                String accession = prefix + i;
                sender.send(order(prefix, i, accession));
                long accepted = System.nanoTime();
                visible.add(until(accepted, () -> scheduledInWorklist(accession), found -> found, GIVE_UP_NANOS));
            }
        }
        Collections.sort(visible);
        return "| end to end (one order at a time) | N | p50 ms | p90 ms | p99 ms | max ms |\n"
                + "|---|---:|---:|---:|---:|---:|\n"
                + String.format("| AA received → scheduled entry in the modality worklist's index | %d | %.0f | %.0f"
                        + " | %.0f | %.0f |%n", visible.size(), percentile(visible, 50), percentile(visible, 90),
                percentile(visible, 99), visible.get(visible.size() - 1));
    }

    private Load load(String host, int port, int orders, int senders, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<List<Double>>> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                int first = s;
                results.add(pool.submit(() -> {
                    List<Double> latencies = new ArrayList<>();
                    try (Sender sender = new Sender(host, port)) {
                        for (int i = first; i < orders; i += senders) {
                            latencies.add(sender.send(order(prefix, i, prefix + i)));
                        }
                    }
                    return latencies;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> result : results) {
                all.addAll(result.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(all);
            return new Load(all, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Load(List<Double> sortedMillis, double seconds) {

        double perSecond() {
            return sortedMillis.size() / seconds;
        }

        double percentile(int percent) {
            return Hl7OrderBench.percentile(sortedMillis, percent);
        }

        String row(String receiver) {
            return String.format("| %s | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f |%n", receiver,
                    sortedMillis.size(), seconds, perSecond(), percentile(50), percentile(90), percentile(99),
                    sortedMillis.get(sortedMillis.size() - 1));
        }
    }

    private static String order(String prefix, int i, String accession) {
        String placer = "PO-" + accession;
        return String.join("\r",
                "MSH|^~\\&|BENCH|HOSP|RISPACS|RAD|20261201080000||ORM^O01|" + prefix + "-" + i + "|P|2.5.1",
                "PID|1||" + prefix + "P" + (i % 500) + "^^^HOSP||Bench^Ben||19700101|M",
                "ORC|NW|" + placer + "|||||^^^202612011000^^R",
                "OBR|1|" + placer + "||CTCHEST^CT chest^LOCAL||||||||||||||" + accession + "||||||RAD-CT") + "\r";
    }

    /**
     * One MLLP connection on a raw socket (no client library's cost in what is measured): sends a
     * message and reads its acknowledgement, which must be AA.
     */
    private static final class Sender implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Sender(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        /** Milliseconds from the first byte sent to the last byte of the acknowledgement. */
        double send(String message) throws IOException {
            byte[] framed = MllpTestClient.frame(message, StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            out.write(framed);
            out.flush();
            String ack = MllpTestClient.readReply(in, StandardCharsets.US_ASCII);
            double millis = (System.nanoTime() - start) / 1e6;
            if (!ack.contains("MSA|AA|")) {
                throw new IOException("not accepted: " + ack);
            }
            return millis;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The ceiling: acknowledges whatever arrives, doing nothing with it. */
    private static final class AckWithoutWork implements ReceivingApplication<Message> {

        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
            try {
                return message.generateACK();
            } catch (IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static <T> double until(long start, Supplier<T> read, Predicate<T> visible, long giveUpNanos) {
        return Eventually.millisUntil(start, Duration.ofNanos(giveUpNanos), read, visible);
    }
}
