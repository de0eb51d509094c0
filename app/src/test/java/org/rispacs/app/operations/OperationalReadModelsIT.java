package org.rispacs.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;
import org.rispacs.api.billing.ClaimStatus;
import org.rispacs.api.billing.ClaimView;
import org.rispacs.api.billing.DenyClaimCommand;
import org.rispacs.api.billing.FindChargesQuery;
import org.rispacs.api.billing.FindClaimsQuery;
import org.rispacs.api.billing.PayClaimCommand;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.ReadingWorklistSort;
import org.rispacs.api.reading.ReportStatus;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.report.SignReportPreliminaryCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The read models of the people downstream of acquisition: the radiologists' reading worklist,
 * billing, and the interface health an operator's alerting polls; and the OpenAPI description
 * of their endpoints.
 */
class OperationalReadModelsIT extends ApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The reading worklist test's modalities: the other tests of the class complete none of these. */
    private static final List<String> CT_OR_MR = List.of("CT", "MR");
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.workflow.report-delivery.max-attempts", () -> "1");
        registry.add("ris.interfaces.unacked-alert-after", () -> "1s");
        // this test plays the sender itself: it records the delivery attempts
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @Test
    void studiesReachTheReadingWorklistOnlyWhenCompletedAndCommittedAndLeaveItWhenSignedFinal() throws Exception {
        PatientIdentifier patient = new PatientIdentifier("RD-" + UUID.randomUUID().toString().substring(0, 8),
                "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Reader", "Rose", null, null,
                null), LocalDate.of(1975, 3, 4), "F")));
        String completedFirst = order(patient, "CT", OrderPriority.ROUTINE);
        String committedFirst = order(patient, "MR", OrderPriority.STAT);

        String completedFirstStudy = acquire(patient, completedFirst, "CT");
        send(new CompleteProcedureStepCommand(completedFirst, CompletionSource.TECHNOLOGIST, null, null));
        // its MPPS is in progress: the committed study does not complete it (a station without MPPS's would)
        String mpps = "2.25." + Math.abs(UUID.randomUUID().getLeastSignificantBits());
        send(new StartProcedureStepCommand(committedFirst, mpps, "MR1", LocalDateTime.now()));
        String committedFirstStudy = acquire(patient, committedFirst, "MR");
        commit(committedFirstStudy);

        // the last missing fact of the first order; once it is visible, everything sent before it was handled
        commit(completedFirstStudy);
        List<ReadingWorklistItem> afterCommits = eventually(() -> reading(null), list -> !list.isEmpty());
        assertThat(afterCommits).extracting(ReadingWorklistItem::orderId).containsExactly(completedFirst);
        ReadingWorklistItem ready = afterCommits.get(0);
        assertThat(ready.studyInstanceUid()).isEqualTo(completedFirstStudy);
        assertThat(ready.patientName()).isEqualTo("Reader^Rose");
        assertThat(ready.patientId()).isEqualTo(patient.id());
        assertThat(ready.accessionNumber()).isNotBlank();
        assertThat(ready.modality()).isEqualTo("CT");
        assertThat(ready.procedureDescription()).isEqualTo("CT exam");
        assertThat(ready.reportStatus()).isEqualTo(ReportStatus.NONE);
        assertThat(ready.waitingSince()).isNotNull();
        assertThat(ready.priorStudyUids()).isEmpty();

        send(new CompleteProcedureStepCommand(committedFirst, CompletionSource.TECHNOLOGIST, null, null));
        List<ReadingWorklistItem> both = eventually(() -> reading(null), list -> list.size() == 2);
        assertThat(both).as("STAT first").extracting(ReadingWorklistItem::orderId)
                .containsExactly(committedFirst, completedFirst);
        assertThat(both.get(0).priorStudyUids()).containsExactly(completedFirstStudy);
        assertThat(both.get(1).priorStudyUids()).containsExactly(committedFirstStudy);
        assertThat(reading(new FindReadingWorklistQuery(CT_OR_MR, null, null, ReadingWorklistSort.LONGEST_WAITING, 0,
                10))).extracting(ReadingWorklistItem::orderId).containsExactly(completedFirst, committedFirst);
        assertThat(reading(new FindReadingWorklistQuery(List.of("CT"), null, null, null, 0, 10)))
                .extracting(ReadingWorklistItem::orderId).containsExactly(completedFirst);
        assertThat(reading(new FindReadingWorklistQuery(CT_OR_MR, List.of(OrderPriority.STAT), null, null, 0, 10)))
                .extracting(ReadingWorklistItem::orderId).containsExactly(committedFirst);
        assertThat(reading(new FindReadingWorklistQuery(CT_OR_MR, null, null, null, 1, 1)))
                .extracting(ReadingWorklistItem::orderId).containsExactly(completedFirst);

        String reportId = "report-" + UUID.randomUUID();
        send(new DraftReportCommand(reportId, completedFirst, completedFirstStudy, RADIOLOGIST, "No finding."));
        send(new SignReportPreliminaryCommand(reportId, RADIOLOGIST));
        eventually(() -> reading(null), list -> list.stream().anyMatch(item -> item.orderId().equals(completedFirst)
                && item.reportStatus() == ReportStatus.PRELIMINARY));
        JsonNode overHttp = http().get().uri("/api/worklists/reading?reportStatus=PRELIMINARY&modality=CT,MR")
                .retrieve().body(JsonNode.class);
        assertThat(overHttp).hasSize(1);
        assertThat(overHttp.get(0).get("orderId").asText()).isEqualTo(completedFirst);
        assertThat(overHttp.get(0).get("reportId").asText()).isEqualTo(reportId);

        send(new SignReportCommand(reportId, RADIOLOGIST));
        List<ReadingWorklistItem> left = eventually(() -> reading(null), list -> list.size() == 1);
        assertThat(left).extracting(ReadingWorklistItem::orderId).containsExactly(committedFirst);
        assertThat(reading(new FindReadingWorklistQuery(CT_OR_MR, null, List.of(ReportStatus.FINAL), null, 0, 10)))
                .extracting(ReadingWorklistItem::orderId).containsExactly(completedFirst);
    }

    @Test
    void chargesFollowTheirClaimsThroughDenialAndPayment() throws Exception {
        PatientIdentifier patient = new PatientIdentifier("BL-" + UUID.randomUUID().toString().substring(0, 8),
                "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Biller", "Bob", null, null,
                null), LocalDate.of(1965, 7, 8), "M")));
        String orderId = order(patient, "US", OrderPriority.ROUTINE);
        commit(acquire(patient, orderId, "US"));
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        String chargeId = ChargeIds.forOrder(orderId);
        await(chargeId, ChargeCapturedEvent.class);
        ChargeView captured = eventually(() -> charge(chargeId), c -> c != null);
        assertThat(captured.status()).isEqualTo(ChargeStatus.CAPTURED);
        assertThat(captured.orderId()).isEqualTo(orderId);
        assertThat(captured.modality()).isEqualTo("US");

        send(new SubmitClaimCommand(chargeId, "claim-1-" + orderId));
        eventually(() -> charge(chargeId), c -> c.status() == ChargeStatus.CLAIM_SUBMITTED);
        send(new DenyClaimCommand(chargeId, "claim-1-" + orderId, "CO-16"));
        ChargeView denied = eventually(() -> charge(chargeId), c -> c.status() == ChargeStatus.CLAIM_DENIED);
        assertThat(denied.denialReason()).isEqualTo("CO-16");
        assertThat(queries.query(new FindChargesQuery(ChargeStatus.CLAIM_DENIED, 0, 100),
                ResponseTypes.multipleInstancesOf(ChargeView.class)).join())
                .extracting(ChargeView::chargeId).contains(chargeId);

        send(new SubmitClaimCommand(chargeId, "claim-2-" + orderId));
        send(new PayClaimCommand(chargeId, "claim-2-" + orderId, new BigDecimal("99.90"), "EUR"));
        ChargeView paid = eventually(() -> charge(chargeId), c -> c.status() == ChargeStatus.PAID);
        assertThat(paid.claimId()).isEqualTo("claim-2-" + orderId);
        assertThat(paid.amount()).isEqualByComparingTo("99.90");
        assertThat(paid.currency()).isEqualTo("EUR");

        JsonNode paidOverHttp = http().get().uri("/api/billing/charges?status=PAID&size=1000").retrieve()
                .body(JsonNode.class);
        assertThat(paidOverHttp.findValuesAsText("chargeId")).contains(chargeId);
        List<ClaimView> claims = queries.query(new FindClaimsQuery(null, 0, 1000),
                ResponseTypes.multipleInstancesOf(ClaimView.class)).join().stream()
                .filter(claim -> claim.chargeId().equals(chargeId)).toList();
        assertThat(claims).extracting(ClaimView::status).containsExactlyInAnyOrder(ClaimStatus.DENIED,
                ClaimStatus.PAID);
        JsonNode deniedClaims = http().get().uri("/api/billing/claims?status=DENIED").retrieve().body(JsonNode.class);
        assertThat(deniedClaims.findValuesAsText("claimId")).contains("claim-1-" + orderId);
        assertThat(deniedClaims.findValuesAsText("denialReason")).contains("CO-16");
    }

    @Test
    void interfaceHealthCountsFailedAndUnacknowledgedDeliveriesAndUnmatchedStudiesAndRaisesAlerts()
            throws Exception {
        String failing = "LIS-" + UUID.randomUUID().toString().substring(0, 6);
        String silent = "EHR-" + UUID.randomUUID().toString().substring(0, 6);
        String failed = "report-" + UUID.randomUUID() + "/" + failing + "/0";
        send(new ScheduleReportDeliveryCommand(failed, "report-x", "order-x", failing, ResultStatus.FINAL));
        send(new RecordDeliveryAttemptCommand(failed, 1, false, "AE", "application error"));
        String unacknowledged = "report-" + UUID.randomUUID() + "/" + silent + "/0";
        send(new ScheduleReportDeliveryCommand(unacknowledged, "report-y", "order-y", silent, ResultStatus.FINAL));
        String unknownStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        receive(unknownStudy, "NOSUCH-ACC", "CT", "NOBODY");
        await(unknownStudy, StudyUnmatchedEvent.class);

        JsonNode health = eventually(() -> http().get().uri("/api/interfaces/health").retrieve()
                .body(JsonNode.class), h -> destination(h, failing) != null
                && destination(h, failing).get("failed").asLong() == 1 && destination(h, silent) != null
                && destination(h, silent).get("unackedOverdue").asLong() == 1
                && h.get("unmatchedStudiesInWindow").asLong() >= 1);
        JsonNode lis = destination(health, failing);
        assertThat(lis.get("pending").asLong()).isZero();
        assertThat(lis.get("attempts").asLong()).isEqualTo(1);
        assertThat(lis.get("lastError").asText()).isEqualTo("application error");
        assertThat(destination(health, silent).get("pending").asLong()).isEqualTo(1);
        assertThat(health.get("alerts").findValuesAsText("kind")).contains("DELIVERY_FAILED", "DELIVERY_UNACKED",
                "UNMATCHED_STUDIES");
        assertThat(health.get("alerts").findValuesAsText("subject")).contains(failing, silent);
    }

    @Test
    void theOpenApiDocumentDescribesTheReadModelEndpoints() {
        JsonNode apiDocs = http().get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(apiDocs.get("paths").fieldNames()).toIterable().contains("/api/worklists/reading",
                "/api/billing/charges", "/api/billing/claims", "/api/interfaces/health", "/api/orders",
                "/api/worklists/modality", "/api/audit/timeline");
        assertThat(apiDocs.at("/paths/~1api~1worklists~1reading/get/parameters").findValuesAsText("name"))
                .contains("modality", "priority", "reportStatus", "sort", "page", "size");
    }

    private static JsonNode destination(JsonNode health, String name) {
        for (JsonNode destination : health.get("destinations")) {
            if (destination.get("destination").asText().equals(name)) {
                return destination;
            }
        }
        return null;
    }

    private ChargeView charge(String chargeId) {
        return queries.query(new FindChargesQuery(null, 0, 1000), ResponseTypes.multipleInstancesOf(ChargeView.class))
                .join().stream().filter(c -> c.chargeId().equals(chargeId)).findFirst().orElse(null);
    }

    private List<ReadingWorklistItem> reading(FindReadingWorklistQuery query) {
        FindReadingWorklistQuery asked = query != null ? query
                : new FindReadingWorklistQuery(CT_OR_MR, null, null, null, 0, 100);
        return queries.query(asked, ResponseTypes.multipleInstancesOf(ReadingWorklistItem.class)).join();
    }

    private String order(PatientIdentifier patient, String modality, OrderPriority priority) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("P-" + modality, "LOCAL",
                modality + " exam"), modality, priority, null, "Dr Who", null));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().plusHours(1), modality + "1", null, null));
        return orderId;
    }

    /** The modality stores the study under the order's accession; returns once it is matched to the order. */
    private String acquire(PatientIdentifier patient, String orderId, String modality) throws Exception {
        String accession = await(orderId, AccessionAssignedEvent.class).accessionNumber();
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        receive(studyUid, accession, modality, patient.id());
        await(studyUid, StudyMatchedToOrderEvent.class);
        return studyUid;
    }

    private void receive(String studyUid, String accession, String modality, String patientId) {
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, modality + "1",
                new ReceivedStudyAttributes(patientId, null, null, accession, modality, null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab"))));
    }

    private void commit(String studyUid) {
        send(new RecordStorageCommitmentCommand(studyUid, "tx-" + studyUid, List.of(studyUid + ".1.1"), List.of()));
    }

    private RestClient http() {
        return TestApi.client(port);
    }

    private <T> T await(String aggregateId, Class<T> type) {
        return eventually(() -> eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Projections run asynchronously: read until the condition holds, for a bounded time. */
    private static <T> T eventually(Supplier<T> read, Predicate<T> done) {
        return Eventually.eventually(PATIENCE, read, done);
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                AuditMetadata.ACTOR, "operations-it", AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, "IT")));
    }
}
