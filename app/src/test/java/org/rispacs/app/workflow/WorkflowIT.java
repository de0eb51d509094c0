package org.rispacs.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.ClaimPaidEvent;
import org.rispacs.api.billing.DenyClaimCommand;
import org.rispacs.api.billing.PayClaimCommand;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestCommands;
import org.rispacs.app.support.TestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole workflow through the command gateway, on the real PostgreSQL event store with the
 * sagas, the persistent deadline manager and a projection running: from order to paid claim,
 * the unmatched and cancelled paths, a failed report delivery and a patient merge; then a
 * replay of the event stream that rebuilds the same read model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WorkflowIT extends ApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.quickDeliveryRetries(registry, 2);
        // this test plays the sender itself: it records the delivery attempts
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void fromOrderToPaidClaimWithEveryDetour() throws Exception {
        PatientIdentifier patient = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Doe", "Jane", null, null, null),
                LocalDate.of(1970, 1, 2), "F")));
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, "PLC-1", CT_CHEST, "CT", OrderPriority.STAT, "cough", "Dr Who",
                null));
        String accession = await(orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.now().plusHours(1), "CT1", "CT room 1", "Radiology"));
        send(new StartProcedureStepCommand(orderId, "1.2.3.mpps." + orderId.hashCode(), "CT1", LocalDateTime.now()));

        // the modality sends the accession in lower case, padded, and no issuer
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-1", "CT1",
                new ReceivedStudyAttributes(patient.id(), null, "DOE^JANE", accession.toLowerCase() + " ", "CT",
                        "CT chest"),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        1000, "ab"))));
        StudyMatchedToOrderEvent matched = await(studyUid, StudyMatchedToOrderEvent.class, e -> true);
        assertThat(matched.orderId()).isEqualTo(orderId);

        send(new RecordStorageCommitmentCommand(studyUid, "tx-1", List.of(studyUid + ".1.1"), List.of()));
        assertThat(await(studyUid, StorageCommittedEvent.class, e -> true).studyComplete()).isTrue();
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.MPPS, null, List.of(studyUid + ".1")));
        String chargeId = ChargeIds.forOrder(orderId);
        assertThat(await(chargeId, ChargeCapturedEvent.class, e -> true).studyInstanceUid()).isEqualTo(studyUid);

        assertThatThrownBy(() -> send(new CancelOrderCommand(orderId, "too late")))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.ILLEGAL_TRANSITION));

        String reportId = "report-" + UUID.randomUUID();
        assertThatThrownBy(() -> send(new DraftReportCommand("report-x", orderId, "2.25.404", RADIOLOGIST, "x")))
                .isInstanceOf(CommandRefusedException.class);
        send(new DraftReportCommand(reportId, orderId, studyUid, RADIOLOGIST, "No acute finding."));
        send(new SignReportCommand(reportId, RADIOLOGIST));
        String deliveryId = reportId + "/EHR/0";
        await(deliveryId, DeliveryScheduledEvent.class, e -> true);
        send(new RecordDeliveryAttemptCommand(deliveryId, 1, false, null, "connection refused"));
        await(deliveryId, DeliveryRetryDueEvent.class, e -> e.attempt() == 2);
        send(new RecordDeliveryAttemptCommand(deliveryId, 2, false, "AE", "application error"));
        assertThat(await(deliveryId, DeliveryFailedEvent.class, e -> true).attempts()).isEqualTo(2);

        send(new SubmitClaimCommand(chargeId, "claim-1"));
        send(new DenyClaimCommand(chargeId, "claim-1", "CO-16"));
        send(new SubmitClaimCommand(chargeId, "claim-2"));
        send(new PayClaimCommand(chargeId, "claim-2", new BigDecimal("99.90"), "EUR"));
        await(chargeId, ClaimPaidEvent.class, e -> e.claimId().equals("claim-2"));

        // every event carries who, through which channel, and its correlation
        List<? extends DomainEventMessage<?>> orderEvents = eventStore.readEvents(orderId).asStream().toList();
        assertThat(orderEvents).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getMetaData()).containsEntry(AuditMetadata.ACTOR, "workflow-it")
                    .containsEntry(AuditMetadata.CHANNEL, "test")
                    .containsKey("correlationId");
        });
        // events caused by a saga's command inherit the original actor
        assertThat(eventStore.readEvents(chargeId).asStream().findFirst().orElseThrow().getMetaData())
                .containsEntry(AuditMetadata.ACTOR, "workflow-it");
    }

    @Test
    void unknownAccessionsAndCancelledOrdersLeaveStudiesUnmatched() throws Exception {
        PatientIdentifier patient = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        String unknownStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        receive(unknownStudy, patient, "NOSUCHACC");
        assertThat(await(unknownStudy, StudyUnmatchedEvent.class, e -> true).reason())
                .isEqualTo(UnmatchedReason.UNKNOWN_ACCESSION);

        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, CT_CHEST, "CT", OrderPriority.ROUTINE, null, null, null));
        String accession = await(orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        send(new CancelOrderCommand(orderId, "ordered twice"));
        String cancelledStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        receive(cancelledStudy, patient, accession);
        assertThat(await(cancelledStudy, StudyUnmatchedEvent.class, e -> true).reason())
                .isEqualTo(UnmatchedReason.CANCELLED_ORDER);
    }

    @Test
    void aMergeMovesTheOrdersToTheSurvivor() throws Exception {
        PatientIdentifier temporary = new PatientIdentifier("TMP-" + UUID.randomUUID().toString().substring(0, 8),
                "ER");
        PatientIdentifier survivor = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8),
                "HOSP");
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, temporary, null, CT_CHEST, "CT", OrderPriority.STAT, null, null, null));
        await(orderId, AccessionAssignedEvent.class, e -> true);
        send(new MergePatientsCommand(temporary, survivor));
        assertThat(await(orderId, OrderPatientReassignedEvent.class, e -> true).patient()).isEqualTo(survivor);
    }

    @Test
    void replayingTheEventStreamRebuildsTheSameReadModel() throws Exception {
        PatientIdentifier patient = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, CT_CHEST, "MR", OrderPriority.HIGH, null, null, null));
        OrderView before = awaitView(orderId);

        TrackingEventProcessor orders = processing.eventProcessor("orders", TrackingEventProcessor.class)
                .orElseThrow();
        orders.shutDown();
        orders.resetTokens();
        orders.start();

        OrderView after = awaitView(orderId);
        assertThat(after).isEqualTo(before);
    }

    private void receive(String studyUid, PatientIdentifier patient, String accession) {
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-2", "CT1",
                new ReceivedStudyAttributes(patient.id(), patient.issuer(), "DOE^JOHN", accession, "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        10, "cd"))));
    }

    private void send(Object command) {
        TestCommands.send(commands, "workflow-it", command);
    }

    /** Sagas and deadlines act asynchronously: wait (bounded) for the event to be stored. */
    private <T> T await(String aggregateId, Class<T> type, Predicate<T> condition) {
        return Eventually.event(eventStore, aggregateId, type, condition);
    }

    private OrderView awaitView(String orderId) {
        return Eventually.eventually(PATIENCE, () -> queries.query(new FindOrderQuery(orderId),
                        ResponseTypes.optionalInstanceOf(OrderView.class)).join(),
                view -> view.isPresent() && view.get().accessionNumber() != null).orElseThrow();
    }
}
