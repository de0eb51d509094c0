package org.rispacs.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Every read model rebuilt from the event store ends up as it was; unmatched studies and the
 * audit timeline are searchable; an aggregate's state as of a past instant comes from the event
 * store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadModelsIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;

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
                && s.worklist().size() == 1 && s.unmatched().size() == 1 && s.timeline().size() >= 7);
        assertThat(before.unmatched().get(0).reason()).isEqualTo(UnmatchedReason.UNKNOWN_ACCESSION);
        assertThat(before.timeline()).extracting(AuditEntry::type).contains("PatientRegisteredEvent",
                "OrderPlacedEvent", "OrderCancelledEvent");
        // the modality sent no issuer: the study's events are filed under the bare patient id
        eventually(() -> queries.query(new FindAuditTimelineQuery(patient.id(), null, null, null, null, null, null,
                        null, 0, 100), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join(),
                asSent -> asSent.stream().map(AuditEntry::type).toList()
                        .containsAll(List.of("InstancesReceivedEvent", "StudyUnmatchedEvent")));
        assertThat(before.timeline()).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("read-models-it"));
        eventually(() -> queries.query(new FindAuditTimelineQuery(null, "rb" + run, null, null, null, null, null,
                        null, 0, 100), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join(),
                byAccession -> byAccession.stream().map(AuditEntry::type).toList().containsAll(List.of(
                        "OrderPlacedEvent", "AccessionAssignedEvent", "ProcedureScheduledEvent")));

        RestClient http = TestApi.client(port);
        JsonNode asOf = http.get().uri("/api/audit/aggregates/{id}?at={at}", cancelled, beforeCancel)
                .retrieve().body(JsonNode.class);
        assertThat(asOf.get("lastEvent").asText()).isEqualTo("AccessionAssignedEvent");
        JsonNode now = http.get().uri("/api/audit/aggregates/{id}", cancelled).retrieve().body(JsonNode.class);
        assertThat(now.get("lastEvent").asText()).isEqualTo("OrderCancelledEvent");
        assertThat(now.at("/state/reason").asText()).isEqualTo("not needed");

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
        Snapshot after = eventually(snapshot, before::equals);
        assertThat(after).isEqualTo(before);
    }

    record Snapshot(OrderView order, List<ModalityWorklistItem> worklist, List<UnmatchedStudy> unmatched,
                    List<AuditEntry> timeline) {
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) {
        return Eventually.eventually(read, done);
    }

    private void send(Object command) {
        TestCommands.send(commands, "read-models-it", command);
    }
}
