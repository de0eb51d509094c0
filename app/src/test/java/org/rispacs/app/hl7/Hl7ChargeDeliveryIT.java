package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.hl7.ScriptedReceiver.componentOf;
import static org.rispacs.app.hl7.ScriptedReceiver.fieldOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ServerSocketFactory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.CaptureChargeCommand;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.hl7.outbound.OutboundMessages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Captured charges leave as DFT^P03 to a billing system played by a small MLLP server on loopback,
 * tracked like reports: accepted at once, accepted after a NAK or a garbled answer, in capture
 * order, and failed after the last attempt while the billing system is down, visible in the
 * interface-health view; with the visit, diagnosis and providers the placer sent with the order.
 */
class Hl7ChargeDeliveryIT extends ApplicationTest {

    private static final Map<String, String> AUDIT = Map.of(AuditMetadata.ACTOR, "hl7-charge-it",
            AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, "Hl7ChargeDeliveryIT");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    /** Keyed by the placer order number in the ORC after FT1 (ORC-2.1). */
    private static final ScriptedReceiver BILLING = ScriptedReceiver.start(ServerSocketFactory.getDefault(),
            message -> componentOf(message, "ORC", 2, 1));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.workflow.report-delivery.max-attempts", () -> "3");
        registry.add("ris.workflow.report-delivery.initial-delay", () -> "1s");
        registry.add("ris.workflow.report-delivery.multiplier", () -> "1");
        registry.add("db-scheduler.polling-interval", () -> "500ms");
        registry.add("ris.hl7.billing-destination", () -> "BILLING");
        registry.add("ris.hl7.destinations.BILLING.host", () -> "127.0.0.1");
        registry.add("ris.hl7.destinations.BILLING.port", BILLING::port);
        registry.add("ris.hl7.destinations.BILLING.receiving-application", () -> "SAP");
        registry.add("ris.hl7.destinations.BILLING.receiving-facility", () -> "FIN");
        registry.add("ris.hl7.destinations.BILLING.connect-timeout", () -> "1s");
        registry.add("ris.hl7.destinations.BILLING.read-timeout", () -> "2s");
    }

    @Autowired
    EventProcessingConfiguration processing;

    @AfterAll
    static void stopBilling() {
        BILLING.stop();
    }

    @Test
    void chargesAndReportsAreSentByProcessorsOfTheirOwnUnderTheNamesTheirTokensHave() {
        assertThat(processing.eventProcessors().keySet()).contains(
                OutboundDeliveryEventHandler.processingGroup(DeliveryKind.CHARGE),
                OutboundDeliveryEventHandler.processingGroup(DeliveryKind.REPORT_RESULT))
                .doesNotContain(OutboundDeliveryEventHandler.class.getPackageName());
        assertThat(OutboundDeliveryEventHandler.processingGroup(DeliveryKind.CHARGE)).isEqualTo("hl7-charges");
        assertThat(OutboundDeliveryEventHandler.processingGroup(DeliveryKind.REPORT_RESULT))
                .isEqualTo("hl7-report-delivery");
    }

    @Test
    void anAcceptedChargeIsDelivered() {
        Charge charge = capture("DFT-AA");
        assertThat(await(charge.deliveryId(), DeliveredEvent.class).ackCode()).isEqualTo("AA");
        List<String> received = BILLING.received("DFT-AA");
        assertThat(received).hasSize(1);
        String dft = received.get(0);
        assertThat(dft).startsWith("MSH|^~\\&|RISPACS|RISPACS|SAP|FIN|").contains("|DFT^P03^DFT_P03|")
                .contains("\rPID|1||" + charge.patient().id() + "^^^HOSP||Roe^Rick");
        assertThat(fieldOf(dft, "FT1", 2)).hasSize(12).isEqualTo(OutboundMessages.transactionId(charge.chargeId()));
        assertThat(fieldOf(dft, "NTE", 3)).isEqualTo(charge.chargeId());
        assertThat(fieldOf(dft, "FT1", 7)).isEqualTo("CTCHEST^CT chest^LOCAL");
        assertThat(fieldOf(dft, "FT1", 23)).isEqualTo(charge.accession() + "^RISPACS");
        assertThat(fieldOf(dft, "PV1", 2)).as("no visit sent: outpatient, as before").isEqualTo("O");
        assertThat(fieldOf(dft, "FT1", 16)).isEmpty();
        assertThat(fieldOf(dft, "FT1", 21)).isEmpty();
    }

    @Test
    void aChargeCarriesTheVisitTheDiagnosisAndWhoOrderedAndPerformedIt() {
        PatientIdentifier patient = registerPatient();
        String orderId = "order-" + UUID.randomUUID();
        DetailedOrders.placeAndStart(this::send, orderId, patient, "DFT-DETAILS");
        Charge charge = capture(orderId, patient);
        assertThat(await(charge.deliveryId(), DeliveredEvent.class).ackCode()).isEqualTo("AA");
        String dft = BILLING.received("DFT-DETAILS").get(0);
        assertThat(fieldOf(dft, "PV1", 2)).isEqualTo("I");
        assertThat(fieldOf(dft, "PV1", 3)).isEqualTo("4W^401^B");
        assertThat(fieldOf(dft, "PV1", 19)).isEqualTo("V778899");
        assertThat(fieldOf(dft, "FT1", 2)).hasSize(12).isEqualTo(OutboundMessages.transactionId(charge.chargeId()));
        assertThat(fieldOf(dft, "FT1", 16)).isEqualTo("4W^401^B");
        assertThat(fieldOf(dft, "FT1", 19)).isEqualTo("J18.9^Pneumonia, unspecified^I10");
        assertThat(fieldOf(dft, "FT1", 20)).isEqualTo("CT_SCANNER_1");
        assertThat(fieldOf(dft, "FT1", 21)).isEqualTo("1234^Welby^Marcus^A^Jr^Dr");
        assertThat(fieldOf(dft, "NTE", 3)).isEqualTo(charge.chargeId());
        assertThat(fieldOf(dft, "ORC", 2)).isEqualTo("DFT-DETAILS^EPIC");
        assertThat(fieldOf(dft, "ORC", 12)).isEqualTo("1234^Welby^Marcus^A^Jr^Dr");
    }

    @Test
    void aNakIsRetriedUntilAccepted() {
        BILLING.script("DFT-NAK", "AE", "AA");
        Charge charge = capture("DFT-NAK");
        assertThat(await(charge.deliveryId(), DeliveredEvent.class).ackCode()).isEqualTo("AA");
        List<DeliveryAttemptedEvent> attempts = events(charge.deliveryId(), DeliveryAttemptedEvent.class);
        assertThat(attempts).extracting(DeliveryAttemptedEvent::attempt).containsExactly(1, 2);
        assertThat(attempts.get(0).ackCode()).isEqualTo("AE");
        assertThat(attempts.get(0).error()).contains("not today");
        List<String> received = BILLING.received("DFT-NAK");
        assertThat(received).hasSize(2);
        assertThat(fieldOf(received.get(0), "MSH", 10)).isNotEqualTo(fieldOf(received.get(1), "MSH", 10));
        assertThat(fieldOf(received.get(0), "FT1", 2)).isEqualTo(fieldOf(received.get(1), "FT1", 2));
    }

    @Test
    void garbledAnswersDroppedConnectionsAndRejectsAreRetried() {
        BILLING.script("DFT-MIXED", "GARBLED", "DROP");
        Charge garbled = capture("DFT-MIXED");
        assertThat(await(garbled.deliveryId(), DeliveredEvent.class).ackCode()).isEqualTo("AA");
        List<DeliveryAttemptedEvent> attempts = events(garbled.deliveryId(), DeliveryAttemptedEvent.class);
        assertThat(attempts).extracting(DeliveryAttemptedEvent::acknowledged).containsExactly(false, false, true);
        assertThat(attempts.get(0).error()).contains("garbled");
        assertThat(attempts.get(1).error()).contains("closed without an acknowledgement");

        BILLING.script("DFT-AR", "AR", "AR", "AR");
        Charge rejected = capture("DFT-AR");
        DeliveryFailedEvent failed = await(rejected.deliveryId(), DeliveryFailedEvent.class);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).contains("AR");
    }

    @Test
    void chargesLeaveInCaptureOrder() {
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            charges.add(capture("DFT-ORDER-" + i));
        }
        for (Charge charge : charges) {
            await(charge.deliveryId(), DeliveredEvent.class);
        }
        assertThat(BILLING.arrivals().stream().filter(key -> key.startsWith("DFT-ORDER-")).toList())
                .containsExactly("DFT-ORDER-0", "DFT-ORDER-1", "DFT-ORDER-2", "DFT-ORDER-3", "DFT-ORDER-4");
    }

    @Test
    void aBillingSystemDownUntilExhaustionFailsTheDeliveryVisibly() {
        BILLING.stop();
        try {
            Charge charge = capture("DFT-DOWN");
            DeliveryFailedEvent failed = await(charge.deliveryId(), DeliveryFailedEvent.class);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.lastError()).startsWith("connection refused");
            assertThat(failed.reportId()).isNull();
            assertThat(events(charge.deliveryId(), DeliveryAttemptedEvent.class))
                    .extracting(DeliveryAttemptedEvent::attempt).containsExactly(1, 2, 3);
            JsonNode billing = Eventually.eventually(() -> TestApi.client(port).get()
                    .uri("/api/interfaces/health").retrieve().body(JsonNode.class), Hl7ChargeDeliveryIT::billingFailed);
            assertThat(billing.get("alerts").findValuesAsText("kind")).contains("DELIVERY_FAILED");
            assertThat(billing.get("alerts").findValuesAsText("message"))
                    .anyMatch(text -> text.contains("deliveries to BILLING failed")
                            && text.contains("connection refused"));
        } finally {
            BILLING.restart();
        }
    }

    private record Charge(String chargeId, String deliveryId, PatientIdentifier patient, String accession) {
    }

    private Charge capture(String placerOrderNumber) {
        PatientIdentifier patient = registerPatient();
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, placerOrderNumber, CT_CHEST, "CT", OrderPriority.ROUTINE, null,
                null, null));
        return capture(orderId, patient);
    }

    private PatientIdentifier registerPatient() {
        PatientIdentifier patient = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Roe", "Rick", null, null, null),
                LocalDate.of(1966, 3, 4), "M")));
        return patient;
    }

    private Charge capture(String orderId, PatientIdentifier patient) {
        String accession = Eventually.event(eventStore, orderId, AccessionAssignedEvent.class, e -> true)
                .accessionNumber();
        String chargeId = ChargeIds.forOrder(orderId);
        send(new CaptureChargeCommand(chargeId, orderId, "2.25." + Math.abs(UUID.randomUUID()
                .getMostSignificantBits()), patient, CT_CHEST, "CT"));
        return new Charge(chargeId, DeliveryIds.forCharge(chargeId, "BILLING"), patient, accession);
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(AUDIT));
    }

    private <T> List<T> events(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private <T> T await(String aggregateId, Class<T> type) {
        return Eventually.event(eventStore, aggregateId, type);
    }

    private static boolean billingFailed(JsonNode health) {
        for (JsonNode destination : health.get("destinations")) {
            if (destination.get("destination").asText().equals("BILLING") && destination.get("failed").asLong() >= 1) {
                return true;
            }
        }
        return false;
    }
}
