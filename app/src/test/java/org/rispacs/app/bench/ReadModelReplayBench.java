package org.rispacs.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.admin.ReadModelRebuilds;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestProperties;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a test: the read-model rebuild benchmark, started by {@code bench/read-model-replay/run.sh}
 * (failsafe runs it only when named). It fills the event store with N orders taken through the
 * workflow, then measures, in the same run, the rate of reading the whole event stream without
 * projecting it (the ceiling) and the rate of rebuilding each read model from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReadModelReplayBench {

    private static final int PATIENTS = 100;
    private static final int SENDERS = 8;
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    ReadModelRebuilds rebuilds;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    ReadModelIndexes indexes;

    @Test
    void measure() throws Exception {
        int orders = Integer.getInteger("bench.n", 1000);
        long filling = System.nanoTime();
        fill(orders);
        double fillSeconds = (System.nanoTime() - filling) / 1e9;
        for (String readModel : ReadModelRebuilds.READ_MODELS) {
            awaitUpToDate(readModel);
        }
        int copies = Integer.getInteger("bench.copies", 0);
        long cloning = System.nanoTime();
        if (copies > 0) {
            copyOrders(copies);
        }
        double cloneSeconds = (System.nanoTime() - cloning) / 1e9;
        List<String> readModels = System.getProperty("bench.models", "").isBlank() ? ReadModelRebuilds.READ_MODELS
                : List.of(System.getProperty("bench.models").split(","));

        long reading = System.nanoTime();
        long events = countEvents();
        double readSeconds = (System.nanoTime() - reading) / 1e9;
        double ceiling = events / readSeconds;

        StringBuilder report = new StringBuilder();
        report.append(String.format("Event store: %d events from %d orders (filled in %.0f s by %d senders)", events,
                orders, fillSeconds, SENDERS));
        report.append(copies == 0 ? ".\n\n" : String.format(", then their order events copied %d times under new"
                + " identifiers in %.0f s.%n%n", copies, cloneSeconds));
        report.append("| rebuild | seconds | events/s | ÷ reading the stream |\n|---|---:|---:|---:|\n");
        report.append(String.format("| reading the event stream, no projection (ceiling) | %.1f | %.0f | 1.00× |%n",
                readSeconds, ceiling));
        for (String readModel : readModels) {
            double seconds = rebuild(List.of(readModel));
            report.append(String.format("| %s | %.1f | %.0f | %.2f× |%n", readModel, seconds, events / seconds,
                    events / seconds / ceiling));
        }
        if (!Boolean.getBoolean("bench.skip-all")) {
            double all = rebuild(ReadModelRebuilds.READ_MODELS);
            report.append(String.format("| all %d at once (events/s per read model) | %.1f | %.0f | %.2f× |%n",
                    ReadModelRebuilds.READ_MODELS.size(), all, events / all, events / all / ceiling));
        }
        report.append(bulkCeiling());
        Files.writeString(Path.of("target", "read-model-replay.md"), report);
        System.out.println(report);
    }

    /**
     * The other ceiling: the audit timeline's own documents (one per event, the read model with the
     * most writes), read back and bulk-indexed straight into a new index of the same definition,
     * 500 per request as a rebuild's batches send them; at most 200,000 of them.
     */
    private String bulkCeiling() throws IOException {
        String source = indexes.nameOf("audit-timeline");
        String target = indexes.nameOf("bench-bulk-ceiling");
        List<Map<String, Object>> documents = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<FieldValue> after = null;
        while (documents.size() < 200_000) {
            List<FieldValue> from = after;
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> page = elasticsearch.search(q -> {
                q.index(source).size(5_000).sort(o -> o.field(f -> f.field("eventId")));
                return from == null ? q : q.searchAfter(from);
            }, Map.class);
            if (page.hits().hits().isEmpty()) {
                break;
            }
            for (var hit : page.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> document = hit.source();
                documents.add(document);
                ids.add(hit.id());
            }
            after = page.hits().hits().get(page.hits().hits().size() - 1).sort();
        }
        elasticsearch.indices().delete(d -> d.index(target).ignoreUnavailable(true));
        try (InputStream definition = getClass().getResourceAsStream("/elasticsearch/audit-timeline.json")) {
            elasticsearch.indices().create(c -> c.index(target).withJson(definition));
        }
        long started = System.nanoTime();
        for (int from = 0; from < documents.size(); from += 500) {
            int first = from;
            List<BulkOperation> operations = new ArrayList<>();
            for (int i = first; i < Math.min(documents.size(), first + 500); i++) {
                String id = ids.get(i);
                Map<String, Object> document = documents.get(i);
                operations.add(BulkOperation.of(b -> b.index(x -> x.index(target).id(id).document(document))));
            }
            if (elasticsearch.bulk(b -> b.operations(operations)).errors()) {
                throw new IllegalStateException("the ceiling's bulk request failed");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        elasticsearch.indices().delete(d -> d.index(target));
        return String.format("%nCeiling for the audit timeline: its %d documents bulk-indexed straight into a new"
                + " index of the same definition, 500 per request: %.1f s, %.0f documents/s.%n", documents.size(),
                seconds, documents.size() / seconds);
    }

    private double rebuild(List<String> readModels) throws InterruptedException {
        long started = System.nanoTime();
        readModels.forEach(rebuilds::rebuild);
        for (String readModel : readModels) {
            awaitUpToDate(readModel);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private void awaitUpToDate(String readModel) {
        Eventually.within(Duration.ofMinutes(30)).alias(readModel + " up to date within 30 min")
                .pollInterval(Duration.ofMillis(20)).until(() -> rebuilds.progress(readModel).upToDate());
    }

    private long countEvents() throws Exception {
        long head = eventStore.createHeadToken().position().orElse(0);
        long count = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                event.getPayload();
                count++;
                if (event.trackingToken().position().orElse(0) >= head) {
                    break;
                }
            }
        }
        return count;
    }

    /**
     * A large store without days of filling: the events the workflow wrote (all but the user
     * accounts'), copied {@code copies} times with every identifier made new (patients, orders,
     * charges, accession numbers, study and instance UIDs, event ids), in the order they were
     * written. The event processors are stopped meanwhile and then moved past the copies, so that
     * only the rebuilds read them (sagas would otherwise act on them).
     */
    private void copyOrders(int copies) {
        var processors = axon.eventProcessingConfiguration().eventProcessors().values();
        processors.forEach(org.axonframework.eventhandling.EventProcessor::shutDown);
        long last = jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
        for (int copy = 1; copy <= copies; copy++) {
            String renamed = "replace(replace(replace(replace(%s, 'order-', 'order-c" + copy + "-'), '2.25.', '2.25."
                    + copy + "0'), '\"RP', '\"R" + copy + "P'), 'REPLAY-', 'REPLAY" + copy + "-')";
            jdbc.update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
                    + " timeStamp, payloadType, payloadRevision, payload, metaData) SELECT gen_random_uuid()::text, "
                    + renamed.formatted("aggregateIdentifier") + ", sequenceNumber, type, timeStamp, payloadType,"
                    + " payloadRevision, convert_to(" + renamed.formatted("convert_from(payload, 'UTF8')")
                    + ", 'UTF8'), metaData FROM DomainEventEntry WHERE globalIndex <= ? AND payloadType NOT LIKE"
                    + " 'org.rispacs.api.security.%' ORDER BY globalIndex", last);
        }
        long head = jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
        jdbc.update("UPDATE TokenEntry SET tokenType = 'org.axonframework.eventhandling.GapAwareTrackingToken',"
                + " token = convert_to('{\"index\":" + head + ",\"gaps\":[]}', 'UTF8')");
        processors.forEach(org.axonframework.eventhandling.EventProcessor::start);
    }

    private void fill(int orders) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<PatientIdentifier> patients = new ArrayList<>();
        for (int p = 0; p < PATIENTS; p++) {
            PatientIdentifier patient = new PatientIdentifier("REPLAY-" + run + "-" + p, "HOSP");
            send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Replay", "Rex" + p, null, null,
                    null), LocalDate.of(1960, 1, 1).plusDays(p), "M")));
            patients.add(patient);
        }
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                PatientIdentifier patient = patients.get(i % PATIENTS);
                String accession = "RP" + run.toUpperCase() + i;
                done.add(senders.submit(() -> acquire(patient, accession)));
            }
            for (Future<?> order : done) {
                order.get();
            }
        } finally {
            senders.shutdown();
        }
    }

    /** An order placed, scheduled, acquired, committed and completed: the charge follows by saga. */
    private void acquire(PatientIdentifier patient, String accession) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, CT_CHEST, "CT", OrderPriority.ROUTINE, null, null,
                accession));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().plusHours(1), "CT1", null, null));
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "bench", "CT1",
                new ReceivedStudyAttributes(patient.id(), null, null, accession, "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab"))));
        Eventually.event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        send(new RecordStorageCommitmentCommand(studyUid, "tx", List.of(studyUid + ".1.1"), List.of()));
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                AuditMetadata.ACTOR, "bench", AuditMetadata.CHANNEL, "bench", AuditMetadata.SOURCE, "bench")));
    }
}
