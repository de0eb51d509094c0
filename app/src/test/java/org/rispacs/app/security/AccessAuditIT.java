package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.event;
import static org.rispacs.app.support.Eventually.eventually;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
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
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Every REST read that returns patient data leaves an access event in the audit timeline of the
 * patients it returned, naming the user who read them; a read that returns none leaves nothing.
 */
class AccessAuditIT extends ApplicationTest {

    private static final String VIEWED = "PatientDataViewedEvent";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        // the test plays no HL7 receiver
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @Test
    void eachEndpointFamilysReadIsRecordedWithItsReaderAndPatientsAndAnEmptyReadIsNot() throws Exception {
        PatientIdentifier patient = new PatientIdentifier("AA-" + UUID.randomUUID().toString().substring(0, 8),
                "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Audited", "Alice", null, null,
                null), LocalDate.of(1980, 1, 2), "F")));
        String readOrder = order(patient, "CT");
        String scheduledOrder = order(patient, "MR");
        String study = acquire(patient, readOrder, "CT");
        send(new RecordStorageCommitmentCommand(study, "tx-" + study, List.of(study + ".1.1"), List.of()));
        send(new CompleteProcedureStepCommand(readOrder, CompletionSource.TECHNOLOGIST, null, null));
        String chargeId = ChargeIds.forOrder(readOrder);
        event(eventStore, chargeId, ChargeCapturedEvent.class);
        send(new SubmitClaimCommand(chargeId, "claim-" + readOrder));
        String unmatched = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        receive(unmatched, new ReceivedStudyAttributes(patient.id(), patient.issuer(), "Audited^Alice",
                "NOSUCH-" + unmatched.substring(5, 12), "CT", "walk-in"));
        event(eventStore, unmatched, StudyUnmatchedEvent.class);

        // each family, read once its read model shows this patient's row
        String id = patient.id();
        readUntil("/api/worklists/modality?patientId=" + id, rows -> rows.size() == 1);
        readUntil("/api/worklists/reading?modality=CT", rows -> rows.findValuesAsText("patientId").contains(id));
        readUntil("/api/studies/unmatched", rows -> rows.findValuesAsText("studyInstanceUid").contains(unmatched));
        readUntil("/api/billing/charges", rows -> rows.findValuesAsText("chargeId").contains(chargeId));
        readUntil("/api/billing/claims", rows -> rows.findValuesAsText("patientId").contains(id));
        readUntil("/api/orders/" + scheduledOrder, order -> order.path("orderId").asText().equals(scheduledOrder));
        readUntil("/api/audit/aggregates/" + readOrder, state -> state.has("state"));
        readUntil("/api/audit/timeline?patient=" + patient, entries -> !entries.isEmpty());

        List<String> families = List.of("api-modality-worklist", "api-reading-worklist", "api-unmatched-studies",
                "api-billing-charges", "api-billing-claims", "api-order", "api-audit-state", "api-audit-timeline");
        List<JsonNode> recorded = eventually(() -> viewedBy(patient.toString(), null),
                views -> families.stream().allMatch(family -> views.stream()
                        .anyMatch(view -> view.path("payload").path("view").asText().equals(family))));
        for (String family : families) {
            JsonNode view = recorded.stream().filter(v -> v.path("payload").path("view").asText().equals(family))
                    .findFirst().orElseThrow();
            assertThat(view.path("entry").path("actor").asText()).as(family).isEqualTo(TestApi.USER);
            assertThat(view.path("entry").path("channel").asText()).as(family).isEqualTo("http");
            assertThat(view.path("entry").path("source").asText()).as(family).startsWith("GET /api/");
            assertThat(view.path("payload").path("patients").findValuesAsText("id")).as(family).contains(id);
            assertThat(view.path("entry").path("patients")).as(family).extracting(JsonNode::asText)
                    .contains(patient.toString());
        }
        JsonNode state = recorded.stream().filter(v -> v.path("payload").path("view").asText()
                .equals("api-audit-state")).findFirst().orElseThrow().path("payload");
        assertThat(state.path("orderId").asText()).isEqualTo(readOrder);

        // reads that return nothing, then one that does, read in this order
        Instant before = Instant.now();
        assertThat(read("/api/worklists/modality?patientId=NOBODY-" + id)).isEmpty();
        assertThat(read("/api/orders?accession=NO" + id.substring(3))).isEmpty();
        assertThat(read("/api/worklists/reading?modality=XA")).isEmpty();
        assertThat(read("/api/billing/claims?status=PAID")).isEmpty();
        assertThat(read("/api/audit/timeline?patient=NOBODY^^^NOWHERE")).isEmpty();
        assertThat(http().get().uri("/api/audit/aggregates/no-such-aggregate").retrieve()
                .onStatus(status -> status.value() == 404, (request, response) -> { })
                .toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        assertThat(read("/api/billing/charges")).isNotEmpty();
        List<JsonNode> since = eventually(() -> viewedBy(null, before), views -> views.stream()
                .anyMatch(view -> view.path("payload").path("view").asText().equals("api-billing-charges")));
        assertThat(since).extracting(view -> view.path("payload").path("view").asText())
                .as("only the read that returned patients, and the timeline reads of this test")
                .contains("api-billing-charges").isSubsetOf("api-billing-charges", "api-audit-timeline");
        for (JsonNode view : since) {
            assertThat(view.path("payload").path("patients").findValuesAsText("id")).as("names no one else")
                    .containsOnly(id);
        }
    }

    /** The access events in the timeline, by the integration user, of a patient or since an instant. */
    private List<JsonNode> viewedBy(String patient, Instant since) {
        StringBuilder uri = new StringBuilder("/api/audit/timeline?size=1000&actor=" + TestApi.USER);
        if (patient != null) {
            uri.append("&patient=").append(patient);
        }
        if (since != null) {
            uri.append("&from=").append(since);
        }
        List<JsonNode> views = new ArrayList<>();
        for (JsonNode entry : read(uri.toString())) {
            if (entry.path("type").asText().equals(VIEWED)) {
                try {
                    ObjectNode view = JSON.createObjectNode();
                    view.set("entry", entry);
                    view.set("payload", JSON.readTree(entry.path("payload").asText()));
                    views.add(view);
                } catch (JsonProcessingException unreadable) {
                    throw new AssertionError("unreadable payload " + entry, unreadable);
                }
            }
        }
        return views;
    }

    private JsonNode readUntil(String uri, Predicate<JsonNode> done) {
        return eventually(() -> read(uri), done);
    }

    private JsonNode read(String uri) {
        return http().get().uri(uri).retrieve().body(JsonNode.class);
    }

    private RestClient http() {
        return TestApi.client(port);
    }

    private String order(PatientIdentifier patient, String modality) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("P-" + modality, "LOCAL",
                modality + " exam"), modality, OrderPriority.ROUTINE, null, "Dr Who", null));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().plusHours(1), modality + "1", null, null));
        return orderId;
    }

    private String acquire(PatientIdentifier patient, String orderId, String modality) {
        String accession = event(eventStore, orderId, AccessionAssignedEvent.class).accessionNumber();
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        receive(studyUid, new ReceivedStudyAttributes(patient.id(), patient.issuer(), null, accession, modality,
                null));
        event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        return studyUid;
    }

    private void receive(String studyUid, ReceivedStudyAttributes attributes) {
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, "CT1", attributes,
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab"))));
    }

    private void send(Object command) {
        TestCommands.send(commands, "access-audit-it", command);
    }
}
