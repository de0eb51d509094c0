package org.rispacs.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;
import org.rispacs.api.billing.DenyClaimCommand;
import org.rispacs.api.billing.FindChargesQuery;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.ReportStatus;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.query.elasticsearch.ElasticsearchReadModelIndexes;
import org.springframework.beans.factory.annotation.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestProperties;
import org.rispacs.app.support.TestCommands;
import org.rispacs.app.support.Eventually;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Every read model rebuilt from the event store ends up as it was; unmatched studies and the
 * audit timeline are searchable; an aggregate's state as of a past instant comes from the event
 * store.
 */
class ReadModelsIT extends ApplicationTest {

    private static final String VIEWED = "PatientDataViewedEvent";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.quickDeliveryRetries(registry, 2);
        // the test records the report delivery's attempts itself
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    ReadModelRebuilds rebuilds;
    @Autowired
    TokenStore tokens;
    @Value("${ris.elasticsearch.index-prefix}")
    String indexPrefix;

    @Test
    void readModelsRebuildToTheSameContentAndAnswerAuditQuestions() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("RB-" + run, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Rebuild", "Rita", null, null,
                null), LocalDate.of(1980, 2, 3), "F")));
        String scheduled = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(scheduled, patient, null, new ProcedureCode("CTHEAD", "LOCAL", "CT head"), "CT",
                OrderPriority.STAT, null, "Dr Who", "RB" + run));
        send(new ScheduleProcedureCommand(scheduled, LocalDateTime.of(2026, 12, 2, 8, 0), "CT1", null, null));
        String cancelled = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(cancelled, patient, null, new ProcedureCode("MRKNEE", "LOCAL", "MR knee"), "MR",
                OrderPriority.ROUTINE, null, null, null));
        Instant beforeCancel = Instant.now();
        Thread.sleep(5);
        send(new CancelOrderCommand(cancelled, "not needed"));
        String unknownStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(unknownStudy, unknownStudy + ".1", "assoc", "CT9",
                new ReceivedStudyAttributes(patient.id(), null, "REBUILD^RITA", "NOPE" + run, "CT", null),
                List.of(new ReceivedInstance(unknownStudy + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2",
                        1, "x"))));

        String read = readReportDeliverAndBill(patient, run);

        eventually(() -> queries.query(new FindReadingWorklistQuery(null, null, List.of(ReportStatus.FINAL), null, 0,
                        100), ResponseTypes.multipleInstancesOf(ReadingWorklistItem.class)).join(),
                reported -> reported.stream().anyMatch(item -> item.orderId().equals(read)));
        eventually(() -> queries.query(new FindChargesQuery(ChargeStatus.CLAIM_DENIED, 0, 100),
                        ResponseTypes.multipleInstancesOf(ChargeView.class)).join(),
                denied -> denied.stream().anyMatch(charge -> charge.chargeId().equals(ChargeIds.forOrder(read))));

        // read before the reference snapshot: each read is an access event in the patient's timeline
        RestClient http = TestApi.client(port);
        JsonNode asOf = http.get().uri("/api/audit/aggregates/{id}?at={at}", cancelled, beforeCancel)
                .retrieve().body(JsonNode.class);
        assertThat(asOf.get("lastEvent").asText()).isEqualTo("AccessionAssignedEvent");
        JsonNode now = http.get().uri("/api/audit/aggregates/{id}", cancelled).retrieve().body(JsonNode.class);
        assertThat(now.get("lastEvent").asText()).isEqualTo("OrderCancelledEvent");
        assertThat(now.at("/state/reason").asText()).isEqualTo("not needed");

        Supplier<Snapshot> snapshot = () -> new Snapshot(
                queries.query(new FindOrderQuery(scheduled), ResponseTypes.instanceOf(OrderView.class)).join(),
                queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null, patient.id(), null, null, null,
                        null, null, null, null, null, null), 10),
                        ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join(),
                queries.query(new FindUnmatchedStudiesQuery(null, 0, 1000),
                        ResponseTypes.multipleInstancesOf(UnmatchedStudy.class)).join().stream()
                        .filter(study -> study.studyInstanceUid().equals(unknownStudy)).toList(),
                queries.query(new FindAuditTimelineQuery(patient.toString(), null, null, null, null, null, null, null,
                        0, 1000), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join());
        Snapshot before = eventually(snapshot, s -> s.order() != null && s.order().accessionNumber() != null
                && s.worklist().size() == 1 && s.unmatched().size() == 1
                && s.timeline().stream().map(AuditEntry::type).toList().containsAll(List.of("OrderCancelledEvent",
                        "DeliveryScheduledEvent", "ChargeCapturedEvent",
                        // a delivery's and a claim's events are filed under their order's patient too
                        "DeliveredEvent", "ClaimDeniedEvent"))
                && s.timeline().stream().filter(entry -> entry.type().equals(VIEWED)).count() == 2);
        assertThat(before.unmatched().get(0).reason()).isEqualTo(UnmatchedReason.UNKNOWN_ACCESSION);
        assertThat(before.timeline()).extracting(AuditEntry::type).contains("PatientRegisteredEvent",
                "OrderPlacedEvent", "OrderCancelledEvent");
        // the modality sent no issuer: the study's events are filed under the bare patient id
        eventually(() -> queries.query(new FindAuditTimelineQuery(patient.id(), null, null, null, null, null, null,
                        null, 0, 100), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join(),
                asSent -> asSent.stream().map(AuditEntry::type).toList()
                        .containsAll(List.of("InstancesReceivedEvent", "StudyUnmatchedEvent")));
        assertThat(before.timeline()).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo(
                entry.type().equals(VIEWED) ? TestApi.USER : "read-models-it"));
        eventually(() -> queries.query(new FindAuditTimelineQuery(null, "rb" + run, null, null, null, null, null,
                        null, 0, 100), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join(),
                byAccession -> byAccession.stream().map(AuditEntry::type).toList().containsAll(List.of(
                        "OrderPlacedEvent", "AccessionAssignedEvent", "ProcedureScheduledEvent")));

        Map<String, Map<String, Map<String, Object>>> everyIndex = settledIndexDocuments();
        assertThat(everyIndex.keySet()).hasSizeGreaterThanOrEqualTo(12);

        JsonNode started = http.post().uri("/api/admin/read-models/all/rebuild").retrieve().body(JsonNode.class);
        assertThat(started).hasSize(ReadModelRebuilds.READ_MODELS.size());
        eventually(() -> http.get().uri("/api/admin/read-models").retrieve().body(JsonNode.class),
                progress -> {
                    for (JsonNode model : progress) {
                        if (!model.get("upToDate").asBoolean()) {
                            return false;
                        }
                    }
                    return true;
                });
        Snapshot after = settled(snapshot, before);
        assertThat(after.order()).isEqualTo(before.order());
        assertThat(after.worklist()).isEqualTo(before.worklist());
        assertThat(after.unmatched()).isEqualTo(before.unmatched());
        assertThat(after.timeline()).containsExactlyElementsOf(before.timeline());
        assertThat(indexDocuments()).isEqualTo(everyIndex);
    }

    @Test
    void aRebuildOnAQuietSystemIsReportedFinishedOnceCaughtUpWithoutANewerEvent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        send(new RegisterPatientCommand(new PatientIdentifier("QUIET-" + run, "HOSP"), new Demographics(
                new PersonName("Quiet", "Quinn", null, null, null), LocalDate.of(1970, 1, 1), "M")));
        RestClient http = TestApi.client(port);
        eventually(() -> http.get().uri("/api/admin/read-models/orders").retrieve().body(JsonNode.class),
                orders -> orders.get("upToDate").asBoolean());
        long headAsked = eventStore.createHeadToken().position().orElseThrow();
        long tail = eventStore.createTailToken().position().orElseThrow();

        JsonNode started = http.post().uri("/api/admin/read-models/orders/rebuild").retrieve().body(JsonNode.class);
        assertThat(started.get(0).get("readModel").asText()).isEqualTo("orders");
        assertThat(started.get(0).get("toDo").asLong()).isEqualTo(headAsked - tail);
        assertThat(started.get(0).get("startedAt").isNull()).isFalse();

        JsonNode finished = eventually(() -> http.get().uri("/api/admin/read-models/orders").retrieve()
                .body(JsonNode.class), orders -> !orders.get("rebuilding").asBoolean());
        assertThat(eventStore.createHeadToken().position()).as("no event arrived after the rebuild was asked for")
                .hasValue(headAsked);
        assertThat(finished.get("replaying").asBoolean()).isFalse();
        assertThat(finished.get("done").asLong()).isEqualTo(finished.get("toDo").asLong()).isEqualTo(headAsked - tail);
        assertThat(finished.get("percent").asInt()).isEqualTo(100);
        assertThat(finished.get("secondsLeft").asLong()).isZero();
        assertThat(finished.get("position").asLong()).isEqualTo(headAsked);
        assertThat(finished.get("upToDate").asBoolean()).isTrue();
        assertThat(finished.get("error").isNull()).isTrue();
        assertThat(Instant.parse(finished.get("finishedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(finished.get("startedAt").asText()));
        assertThat(finished.get("eventsPerSecond").asDouble()).isPositive();
        // the list says the same
        JsonNode listed = http.get().uri("/api/admin/read-models").retrieve().body(JsonNode.class);
        assertThat(listed).anySatisfy(model -> {
            assertThat(model.get("readModel").asText()).isEqualTo("orders");
            assertThat(model.get("rebuilding").asBoolean()).isFalse();
            assertThat(model.get("finishedAt").asText()).isEqualTo(finished.get("finishedAt").asText());
        });
        int unknown = http.get().uri("/api/admin/read-models/no-such-model").exchange((request, response) ->
                response.getStatusCode().value());
        assertThat(unknown).isEqualTo(404);
    }

    @Test
    void anIndexMadeFromAnOlderDefinitionIsReplacedAndItsReadModelRebuiltAtStart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("DEF-" + run, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Definition", "Dora", null, null,
                null), LocalDate.of(1990, 5, 6), "F")));
        String read = readReportDeliverAndBill(patient, run);
        Map<String, Map<String, Object>> chargesBefore = eventually(() -> documents(indexPrefix + "billing-charges"),
                charges -> charges.containsKey(ChargeIds.forOrder(read))
                        && "CLAIM_DENIED".equals(charges.get(ChargeIds.forOrder(read)).get("status")));
        // as if the index had been made by an earlier release with another mapping
        elasticsearch.indices().putMapping(m -> m.index(indexPrefix + "billing-charges")
                .meta("definition", JsonData.of("0000000000000000")));

        ElasticsearchReadModelIndexes atNextStart =
                new ElasticsearchReadModelIndexes(elasticsearch, indexPrefix, 10_000);
        atNextStart.prepare("billing", "billing-charges");
        atNextStart.prepare("billing", "billing-claims");
        assertThat(atNextStart.groupsWithNewIndices()).containsExactly("billing");
        assertThat(documents(indexPrefix + "billing-charges")).isEmpty();
        RebuildOnStart rebuildOnStart = new RebuildOnStart(rebuilds, atNextStart, tokens, "");
        rebuildOnStart.afterSingletonsInstantiated();
        rebuildOnStart.run(null);

        assertThat(eventually(() -> documents(indexPrefix + "billing-charges"), chargesBefore::equals))
                .isEqualTo(chargesBefore);
        assertThat(new ElasticsearchReadModelIndexes(elasticsearch, indexPrefix, 10_000)
                .prepare("billing", "billing-charges").definitionDigest()).isNotEqualTo("0000000000000000");
        assertThat(new ElasticsearchReadModelIndexes(elasticsearch, indexPrefix, 10_000).groupsWithNewIndices())
                .isEmpty();
    }

    /** An order through the whole workflow: ready to read, reported, delivered, billed; returns its id. */
    private String readReportDeliverAndBill(PatientIdentifier patient, String run) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT",
                OrderPriority.HIGH, null, null, "RD" + run));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.of(2026, 12, 2, 9, 0), "CT1", null, null));
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc", "CT1",
                new ReceivedStudyAttributes(patient.id(), null, null, "RD" + run, "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2",
                        1, "x"))));
        Eventually.event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        send(new RecordStorageCommitmentCommand(studyUid, "tx-" + run, List.of(studyUid + ".1.1"), List.of()));
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        String reportId = "report-" + UUID.randomUUID();
        Actor radiologist = new Actor("rad-" + run, "Dr Read", ClinicalRole.RADIOLOGIST);
        send(new DraftReportCommand(reportId, orderId, studyUid, radiologist, "No acute finding."));
        send(new SignReportCommand(reportId, radiologist));
        String deliveryId = reportId + "/EHR/0";
        Eventually.event(eventStore, deliveryId, DeliveryScheduledEvent.class);
        send(new RecordDeliveryAttemptCommand(deliveryId, 1, false, "AE", "application error"));
        Eventually.event(eventStore, deliveryId, DeliveryRetryDueEvent.class);
        send(new RecordDeliveryAttemptCommand(deliveryId, 2, true, "AA", null));
        String chargeId = ChargeIds.forOrder(orderId);
        Eventually.event(eventStore, chargeId, ChargeCapturedEvent.class);
        send(new SubmitClaimCommand(chargeId, "claim-" + run));
        send(new DenyClaimCommand(chargeId, "claim-" + run, "CO-16"));
        return orderId;
    }

    /** Every index's documents once the projections have gone quiet (the same two reads a second apart). */
    private Map<String, Map<String, Map<String, Object>>> settledIndexDocuments() throws Exception {
        AtomicReference<Map<String, Map<String, Map<String, Object>>>> last = new AtomicReference<>(indexDocuments());
        Eventually.patiently().alias("the read models settle within a minute").pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> last.getAndSet(indexDocuments()).equals(last.get()));
        return last.get();
    }

    /** Every document of every index of this application, by index and id. */
    private Map<String, Map<String, Map<String, Object>>> indexDocuments() throws IOException {
        Map<String, Map<String, Map<String, Object>>> all = new TreeMap<>();
        for (String index : elasticsearch.indices().get(g -> g.index(indexPrefix + "*")).indices().keySet()) {
            all.put(index, documents(index));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> documents(String index) {
        try {
            elasticsearch.indices().refresh(r -> r.index(index));
            Map<String, Map<String, Object>> documents = new TreeMap<>();
            for (Hit<Map> hit : elasticsearch.search(s -> s.index(index).size(10_000), Map.class).hits().hits()) {
                documents.put(hit.id(), hit.source());
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Snapshot(OrderView order, List<ModalityWorklistItem> worklist, List<UnmatchedStudy> unmatched,
                    List<AuditEntry> timeline) {
    }

    /** The snapshot once it equals {@code expected}, or the last one read after a minute. */
    private static Snapshot settled(Supplier<Snapshot> read, Snapshot expected) {
        AtomicReference<Snapshot> last = new AtomicReference<>(read.get());
        try {
            Eventually.patiently().pollInterval(Duration.ofMillis(200))
                    .until(() -> last.updateAndGet(previous -> read.get()).equals(expected));
        } catch (ConditionTimeoutException differs) {
            // the caller compares, and shows the difference
        }
        return last.get();
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) {
        return Eventually.eventually(read, done);
    }

    private void send(Object command) {
        TestCommands.send(commands, "read-models-it", command);
    }
}
