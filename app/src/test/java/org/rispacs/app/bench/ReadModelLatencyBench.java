package org.rispacs.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

/**
 * Not a test: the read-model latency benchmark, started by {@code bench/read-model-latency/run.sh}
 * (failsafe runs it only when named). For each of N orders (on 40 patients, so that worklist rows
 * carry prior studies) it measures, over REST, the time from
 * the write returning (events committed) until the result is visible: the order in the audit
 * timeline after {@code POST /api/orders}, the study in the reading worklist after the command
 * that makes it ready (half of the orders polled over REST, the other half only awaited on an
 * open page's event stream), the charge as claim-submitted in billing after {@code SubmitClaim};
 * and, as the same run's baseline, Elasticsearch alone.
 */
class ReadModelLatencyBench extends ApplicationTest {

    private static final long GIVE_UP_NANOS = 30_000_000_000L;
    private static final int PATIENTS = 40;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Test
    void measure() throws Exception {
        int orders = Integer.getInteger("bench.n", 100);
        if (orders > 100) {
            throw new IllegalArgumentException("at most 100 orders: the open page (100 rows) must show every one");
        }
        RestClient http = TestApi.client(port);
        // a department's mix: each patient comes back a few times, so reading-worklist rows carry priors
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<PatientIdentifier> patients = new ArrayList<>();
        for (int p = 0; p < PATIENTS; p++) {
            PatientIdentifier patient = new PatientIdentifier("BENCH-" + run + "-" + p, "HOSP");
            send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Bench", "Ben" + p, null, null,
                    null), LocalDate.of(1970, 1, 1).plusDays(p), "M")));
            patients.add(patient);
        }
        List<Double> audit = new ArrayList<>();
        List<Double> reading = new ArrayList<>();
        List<Double> readingWritten = new ArrayList<>();
        List<Double> worklist = new ArrayList<>();
        List<Double> unmatched = new ArrayList<>();
        List<Double> readingQuery = new ArrayList<>();
        List<Double> billing = new ArrayList<>();
        List<Double> pushed = new ArrayList<>();
        // a radiologist's open worklist page: told of each change over server-sent events
        WebSession page = new WebSession(port);
        page.signIn(TestApi.USER, TestApi.PASSWORD);
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        page.stream("/reading/stream?modality=CT", line -> {
            if (line.startsWith("event:") && line.contains("worklist-changed")) {
                changes.add(System.nanoTime());
            }
        });
        for (int i = 0; i < orders; i++) {
            PatientIdentifier patient = patients.get(i % PATIENTS);
            JsonNode placed = http.post().uri("/api/orders").body(Map.of("patientId", patient.id(),
                    "patientIdIssuer", patient.issuer(), "procedureCode", "CTCHEST", "modality", "CT",
                    "priority", i % 10 == 0 ? "STAT" : "ROUTINE")).retrieve().body(JsonNode.class);
            long written = System.nanoTime();
            String orderId = placed.get("orderId").asText();
            audit.add(until(written, () -> http.get().uri("/api/audit/timeline?orderId={id}", orderId).retrieve()
                    .body(JsonNode.class), timeline -> timeline.size() > 0));

            send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().plusHours(1), "CT1", null, null));
            long scheduled = System.nanoTime();
            String accession = placed.get("accessionNumber").asText();
            worklist.add(until(scheduled, () -> http.get().uri("/api/worklists/modality?accessionNumber={a}",
                    accession).retrieve().body(JsonNode.class), items -> items.size() > 0));
            String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
            send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "bench", "CT1",
                    new ReceivedStudyAttributes(patient.id(), null, null, accession,
                            "CT", null),
                    List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2",
                            "1.2.840.10008.1.2.1", 100, "ab"))));
            until(System.nanoTime(), () -> eventStore.readEvents(studyUid).asStream()
                    .anyMatch(e -> e.getPayload() instanceof StudyMatchedToOrderEvent), matched -> matched);
            changes.clear();
            send(new RecordStorageCommitmentCommand(studyUid, "tx", List.of(studyUid + ".1.1"), List.of()));
            send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
            long ready = System.nanoTime();
            if (i % 2 == 1) {
                // every other order: only the open page waits (polling would load the machine it measures)
                Long changed = changes.poll(30, TimeUnit.SECONDS);
                if (changed == null) {
                    throw new IOException("the open reading worklist page was not told of order " + orderId);
                }
                pushed.add((changed - ready) / 1e6);
            } else {
                // the projection's write, read back by id (real-time get, no refresh needed), then the list
                readingWritten.add(until(ready, () -> queries.query(new FindReadingWorklistItemQuery(orderId),
                        ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join(),
                        item -> item.filter(found -> found.waitingSince() != null).isPresent()));
                Supplier<JsonNode> firstPage = () -> http.get().uri("/api/worklists/reading?size=50&sort=NEWEST")
                        .retrieve().body(JsonNode.class);
                reading.add(until(ready, firstPage, list -> list.findValuesAsText("orderId").contains(orderId)));
                long query = System.nanoTime();
                firstPage.get();
                readingQuery.add((System.nanoTime() - query) / 1e6);
            }

            if (i % 4 == 0) {
                // a study for no known order: listed as unmatched
                String strayUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
                send(new RecordInstancesReceivedCommand(strayUid, strayUid + ".1", "bench", "CT1",
                        new ReceivedStudyAttributes(patient.id(), null, null, "NOSUCH" + i, "CT", null),
                        List.of(new ReceivedInstance(strayUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2",
                                "1.2.840.10008.1.2.1", 100, "ab"))));
                long received = System.nanoTime();
                unmatched.add(until(received, () -> http.get().uri("/api/studies/unmatched?size=1000").retrieve()
                        .body(JsonNode.class), list -> list.findValuesAsText("studyInstanceUid").contains(strayUid)));
            }

            String chargeId = ChargeIds.forOrder(orderId);
            until(System.nanoTime(), () -> eventStore.readEvents(chargeId).asStream().findAny().isPresent(),
                    captured -> captured);
            send(new SubmitClaimCommand(chargeId, "claim-" + orderId));
            long submitted = System.nanoTime();
            billing.add(until(submitted, () -> http.get()
                    .uri("/api/billing/charges?status=CLAIM_SUBMITTED&size=1000").retrieve().body(JsonNode.class),
                    list -> list.findValuesAsText("chargeId").contains(chargeId)));
        }
        List<Double> baseline = elasticsearchAlone(orders);
        String report = "| read model (write → visible over REST) | N | p50 ms | p90 ms | p99 ms | max ms |\n"
                + "|---|---:|---:|---:|---:|---:|\n"
                + row("baseline: Elasticsearch alone (index one document with a refresh, search until found)",
                        baseline)
                + row("audit timeline (`POST /api/orders` → `/api/audit/timeline?orderId=`)", audit)
                + row("modality worklist (`ScheduleProcedure` → `/api/worklists/modality?accessionNumber=`)", worklist)
                + row("unmatched studies (`RecordInstancesReceived`, unknown accession → `/api/studies/unmatched`)",
                        unmatched)
                + row("reading worklist: projection's write (last readiness command → ready by id)", readingWritten)
                + row("reading worklist (last readiness command → `/api/worklists/reading`)", reading)
                + row("reading worklist page (last readiness command → `worklist-changed` pushed to an open page, "
                        + "nothing polling)",
                        pushed)
                + row("reading worklist: one first-page request (50 rows with priors)", readingQuery)
                + row("billing (`SubmitClaim` → `/api/billing/charges?status=CLAIM_SUBMITTED`)", billing);
        Path out = Path.of("target", "read-model-latency.md");
        Files.writeString(out, report);
        System.out.println(report);
    }

    /**
     * The floor under every row, measured in the same run on the same node: a document indexed
     * into a scratch index with an explicit refresh (as a projection's batch ends), then searched
     * for, polled every 2 ms like the rows above.
     */
    private List<Double> elasticsearchAlone(int n) throws IOException {
        String index = "bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
        List<Double> millis = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String id = "doc-" + i;
                long start = System.nanoTime();
                elasticsearch.index(r -> r.index(index).id(id).document(Map.of("key", id, "n", 1)));
                elasticsearch.indices().refresh(r -> r.index(index));
                millis.add(until(start, () -> searchHits(index, id), hits -> hits > 0));
            }
        } finally {
            elasticsearch.indices().delete(r -> r.index(index));
        }
        return millis;
    }

    private long searchHits(String index, String key) {
        try {
            return elasticsearch.search(s -> s.index(index).query(q -> q.term(t -> t.field("key.keyword").value(key))),
                    Map.class).hits().hits().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(String name, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format("| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", name, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Polls as fast as a client reasonably would (every 2 ms); milliseconds from {@code start} to visible. */
    private static <T> double until(long start, Supplier<T> read, Predicate<T> visible) {
        return Eventually.millisUntil(start, Duration.ofNanos(GIVE_UP_NANOS), read, visible);
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                AuditMetadata.ACTOR, "bench", AuditMetadata.CHANNEL, "bench", AuditMetadata.SOURCE, "bench")));
    }
}
