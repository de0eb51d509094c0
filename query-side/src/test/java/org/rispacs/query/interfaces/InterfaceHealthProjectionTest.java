package org.rispacs.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.StorageCommitmentReportDeliveredEvent;
import org.rispacs.api.delivery.StorageCommitmentReportFailedEvent;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.api.worklist.WorklistQueryServedEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class InterfaceHealthProjectionTest {

    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr Rad", ClinicalRole.RADIOLOGIST);

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex deliveries;
    private InMemoryReadModelIndex signedReports;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new InterfaceHealthProjection(null, indexes,
                new QueryRetrieveRequestsProjection(null, indexes)));
        deliveries = indexes.index("report-deliveries");
        signedReports = indexes.index("signed-reports");
    }

    @Test
    void aReportDeliveryRefusedOnceThenAcknowledgedKeepsItsLastError() {
        Instant signed = events.now();
        events.publish(new ReportSignedEvent("r1", "o1", "1.2.1", RADIOLOGIST, "final"));
        assertThat(signedReports.find("r1")).isEqualTo(Map.of("reportId", "r1", "orderId", "o1",
                "signedAt", signed.toString()));

        Instant scheduled = events.now();
        events.publish(new DeliveryScheduledEvent("d1",
                DeliveryKind.REPORT_RESULT, "EHR", "o1", "r1", ResultStatus.FINAL, null, null));
        Instant refused = events.now();
        events.publish(new DeliveryAttemptedEvent("d1", 1, false, "AE", null));
        events.publish(new DeliveryAttemptedEvent("d1", 2, true, "AA", null));
        Instant delivered = events.now();
        events.publish(new DeliveredEvent("d1", DeliveryKind.REPORT_RESULT, "r1", "EHR", "AA"));

        assertThat(deliveries.find("d1")).containsEntry("deliveryId", "d1").containsEntry("orderId", "o1")
                .containsEntry("destination", "EHR").containsEntry("kind", "REPORT").containsEntry("reportId", "r1")
                .containsEntry("resultStatus", "FINAL").containsEntry("status", "DELIVERED")
                .containsEntry("attempts", 2).containsEntry("lastAckCode", "AA")
                .containsEntry("lastError", "acknowledged AE").containsEntry("lastErrorAt", refused.toString())
                .containsEntry("scheduledAt", scheduled.toString()).containsEntry("finishedAt", delivered.toString());
        assertThat(signedReports.find("r1")).containsEntry("deliveryScheduled", true)
                .containsEntry("signedAt", signed.toString());
    }

    @Test
    void aChargeDeliveryGivenUpIsAFailure() {
        events.publish(new DeliveryScheduledEvent("d2", DeliveryKind.CHARGE, "BILLING", "o1", null, null, "c1", null));
        events.publish(new DeliveryAttemptedEvent("d2", 1, false, null, "connection refused"));
        Instant failed = events.now();
        events.publish(new DeliveryFailedEvent("d2", DeliveryKind.CHARGE, null, "BILLING", 3, "connection refused"));

        assertThat(deliveries.find("d2")).containsEntry("kind", "CHARGE").containsEntry("chargeId", "c1")
                .containsEntry("status", "FAILED").containsEntry("attempts", 3)
                .containsEntry("lastError", "connection refused").containsEntry("lastErrorAt", failed.toString())
                .containsEntry("finishedAt", failed.toString()).containsEntry("destination", "BILLING");
    }

    @Test
    void aFhirNotificationIsItsOwnKindToItsSubscriptionWithoutOrderAndIsNoSignedReport() {
        SubscriptionNotification notification = new SubscriptionNotification("s1", 4,
                SubscriptionTopic.REPORT_FINALIZED, "r1");
        Instant scheduled = events.now();
        events.publish(new DeliveryScheduledEvent("subscription/s1/4", DeliveryKind.FHIR_NOTIFICATION, "s1", null,
                null, null, null, notification));
        events.publish(new DeliveryAttemptedEvent("subscription/s1/4", 1, false, null, "HTTP 503"));
        Instant failed = events.now();
        events.publish(new DeliveryFailedEvent("subscription/s1/4", DeliveryKind.FHIR_NOTIFICATION, null, "s1", 1,
                "HTTP 503"));

        assertThat(deliveries.find("subscription/s1/4")).containsEntry("deliveryId", "subscription/s1/4")
                .containsEntry("destination", "s1").containsEntry("kind", "FHIR_NOTIFICATION")
                .containsEntry("status", "FAILED").containsEntry("attempts", 1)
                .containsEntry("scheduledAt", scheduled.toString()).containsEntry("lastError", "HTTP 503")
                .containsEntry("lastErrorAt", failed.toString()).containsEntry("finishedAt", failed.toString())
                .doesNotContainKeys("orderId", "reportId", "resultStatus", "chargeId");
        assertThat(signedReports.documents()).isEmpty();
    }

    @Test
    void aStorageCommitmentReportGivenUpIsListedUntilDeliveredAgain() {
        Instant failed = events.now();
        events.publish(new StorageCommitmentReportFailedEvent("2.25.9", "CT1", 10, 2, 5, "association rejected"));

        assertThat(deliveries.find("storage-commitment/2.25.9")).containsEntry("kind", "STORAGE_COMMITMENT")
                .containsEntry("destination", "CT1").containsEntry("transactionUid", "2.25.9")
                .containsEntry("status", "FAILED").containsEntry("attempts", 5).containsEntry("orderId", null)
                .containsEntry("lastError", "storage commitment 2.25.9 (10 committed, 2 failed): association rejected")
                .containsEntry("finishedAt", failed.toString());

        events.publish(new StorageCommitmentReportDeliveredEvent("2.25.9", "CT1", 6));
        assertThat(deliveries.documents()).isEmpty();
    }

    @Test
    void worklistQueriesAreOneDocumentPerQueryAndStableStudiesCountTheirOrders() {
        EventMessage<?> query = events.publish(new WorklistQueryServedEvent("CT1", "CT\\mr", "CT1", 4, List.of()));
        events.publish(new ProcedureStepCompletedEvent("o1", CompletionSource.MPPS, "2.25.1", List.of()));
        Instant stable = events.now();
        events.publish(new ProcedureStepCompletedEvent("o2", CompletionSource.STUDY_STABLE, null, List.of()));

        assertThat(indexes.index("worklist-queries").find(query.getIdentifier())).isEqualTo(Map.of(
                "callingAeTitle", "CT1", "modality", List.of("CT", "MR"), "scheduledStationAeTitle", "CT1",
                "matches", 4, "servedAt", query.getTimestamp().toString()));
        assertThat(indexes.index("stable-study-completions").documents()).isEqualTo(Map.of("o2",
                Map.of("orderId", "o2", "completedAt", stable.toString())));
    }

    @Test
    void replayingTheStreamOverTheIndicesOrAfterAResetGivesTheSameDocuments() {
        events.publish(new ReportSignedEvent("r1", "o1", "1.2.1", RADIOLOGIST, "final"));
        events.publish(new DeliveryScheduledEvent("d1",
                DeliveryKind.REPORT_RESULT, "EHR", "o1", "r1", ResultStatus.FINAL, null, null));
        events.publish(new DeliveryAttemptedEvent("d1", 1, false, "AE", "rejected"));
        events.publish(new DeliveryScheduledEvent("d2", DeliveryKind.CHARGE, "BILLING", "o1", null, null, "c1", null));
        events.publish(new StorageCommitmentReportFailedEvent("2.25.9", "CT1", 10, 2, 5, "rejected"));
        events.publish(new DeliveryScheduledEvent("subscription/s1/1", DeliveryKind.FHIR_NOTIFICATION, "s1", null,
                null, null, null, new SubscriptionNotification("s1", 1, SubscriptionTopic.STUDY_AVAILABLE, "2.25.4")));
        events.publish(new WorklistQueryServedEvent("CT1", null, null, 0, List.of()));
        events.publish(new ProcedureStepCompletedEvent("o2", CompletionSource.STUDY_STABLE, null, List.of()));
        List<String> names = List.of("report-deliveries", "signed-reports", "worklist-queries",
                "stable-study-completions");
        Map<String, Map<String, Map<String, Object>>> live = snapshot(names);

        events.replayOver();
        assertThat(snapshot(names)).isEqualTo(live);
        events.rebuild();
        assertThat(snapshot(names)).isEqualTo(live);
        assertThat(live.get("report-deliveries")).hasSize(4);
        assertThat(live.get("worklist-queries").values()).singleElement()
                .satisfies(served -> assertThat(served).containsEntry("modality", List.of("*")));
    }

    private Map<String, Map<String, Map<String, Object>>> snapshot(List<String> names) {
        return names.stream().collect(Collectors.toMap(name -> name,
                name -> indexes.index(name).documents()));
    }
}
