package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.hl7.ScriptedReceiver.componentOf;
import static org.rispacs.app.hl7.ScriptedReceiver.fieldOf;
import static org.rispacs.app.hl7.ScriptedReceiver.segments;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.net.ServerSocketFactory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.report.SignReportPreliminaryCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signed reports leave as ORU^R01 to an EHR played by a small MLLP server on loopback: accepted at
 * once, accepted after an AE, and never reached because the EHR is down; a preliminary signature,
 * the final one and an addendum as P, F and C in that order, echoing what the placer sent, and not
 * the preliminary one to an EHR that wants finals only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Hl7ReportDeliveryIT extends ApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Map<String, String> AUDIT = Map.of(AuditMetadata.ACTOR, "hl7-delivery-it",
            AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, "Hl7ReportDeliveryIT");
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    private static final Actor RESIDENT = new Actor("res1", "Dr. Rita Resident", ClinicalRole.RESIDENT);
    /** An EHR that wants every version, preliminary ones too; keyed by the placer order number (OBR-2.1). */
    private static final ScriptedReceiver EHR = ScriptedReceiver.start(ServerSocketFactory.getDefault(),
            message -> componentOf(message, "OBR", 2, 1));
    /** An EHR configured for final (and corrected) results only. */
    private static final ScriptedReceiver FINALS = ScriptedReceiver.start(ServerSocketFactory.getDefault(),
            message -> componentOf(message, "OBR", 2, 1));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.quickDeliveryRetries(registry, 3);
        registry.add("ris.workflow.report-delivery.multiplier", () -> "1");
        registry.add("ris.hl7.destinations.EHR.host", () -> "127.0.0.1");
        registry.add("ris.hl7.destinations.EHR.port", EHR::port);
        registry.add("ris.hl7.destinations.EHR.receiving-application", () -> "EPIC");
        registry.add("ris.hl7.destinations.EHR.receiving-facility", () -> "HOSP");
        registry.add("ris.hl7.destinations.EHR.connect-timeout", () -> "1s");
        registry.add("ris.hl7.destinations.EHR.read-timeout", () -> "2s");
        registry.add("ris.workflow.report-destinations", () -> "EHR,FINALS");
        registry.add("ris.hl7.destinations.FINALS.host", () -> "127.0.0.1");
        registry.add("ris.hl7.destinations.FINALS.port", FINALS::port);
        registry.add("ris.hl7.destinations.FINALS.receiving-application", () -> "PORTAL");
        registry.add("ris.hl7.destinations.FINALS.send-preliminary", () -> "false");
    }

    @AfterAll
    static void stopEhr() {
        EHR.stop();
        FINALS.stop();
    }

    @Test
    void anAcceptedReportIsDelivered() throws Exception {
        SignedReport report = signReport("PLC-AA", "No acute finding.\nLungs clear.");
        DeliveredEvent delivered = await(report.deliveryId(), DeliveredEvent.class, e -> true);
        assertThat(delivered.ackCode()).isEqualTo("AA");
        List<String> received = EHR.received("PLC-AA");
        assertThat(received).hasSize(1);
        String oru = received.get(0);
        assertThat(oru).startsWith("MSH|^~\\&|RISPACS|RISPACS|EPIC|HOSP|").contains("|ORU^R01^ORU_R01|")
                .contains("\rOBX|1|TX|18782-3^Radiology Study observation^LN|1|No acute finding.|")
                .contains("\rOBX|2|TX|18782-3^Radiology Study observation^LN|2|Lungs clear.|")
                .contains("|" + report.accession() + "|CTCHEST^CT chest^LOCAL|")
                .contains("\rPID|1||" + report.patient().id() + "^^^HOSP||Doe^Jane");
        assertThat(fieldOf(oru, "OBR", 25)).isEqualTo("F");
        assertThat(fieldOf(oru, "OBR", 18)).isEqualTo(report.accession());
    }

    @Test
    void preliminaryFinalAndAddendumLeaveAsPFAndCInThatOrderEchoingWhatThePlacerSent() throws Exception {
        PatientIdentifier patient = registerPatient();
        String orderId = "order-" + UUID.randomUUID();
        DetailedOrders.placeAndStart(this::send, orderId, patient, "PLC-PFC");
        String reportId = draftOn(orderId, patient, "PLC-PFC", RESIDENT, "Consolidation, right lower lobe.");
        send(new SignReportPreliminaryCommand(reportId, RESIDENT));
        await(DeliveryIds.forPreliminaryReport(reportId, "EHR"), DeliveredEvent.class, e -> true);
        send(new SignReportCommand(reportId, RADIOLOGIST));
        await(DeliveryIds.forReport(reportId, "EHR", 0), DeliveredEvent.class, e -> true);
        send(new AddendReportCommand(reportId, RADIOLOGIST, "Follow-up in six weeks."));
        await(DeliveryIds.forReport(reportId, "EHR", 1), DeliveredEvent.class, e -> true);
        await(DeliveryIds.forReport(reportId, "FINALS", 1), DeliveredEvent.class, e -> true);

        List<String> received = EHR.received("PLC-PFC");
        assertThat(received).extracting(oru -> fieldOf(oru, "OBR", 25)).containsExactly("P", "F", "C");
        assertThat(received).extracting(oru -> fieldOf(oru, "OBX", 11)).containsExactly("P", "F", "C");
        assertThat(FINALS.received("PLC-PFC")).as("finals only").extracting(oru -> fieldOf(oru, "OBR", 25))
                .containsExactly("F", "C");
        assertThat(events(DeliveryIds.forPreliminaryReport(reportId, "FINALS"), DeliveryScheduledEvent.class))
                .isEmpty();
        for (String oru : received) {
            assertThat(fieldOf(oru, "PV1", 2)).isEqualTo("I");
            assertThat(fieldOf(oru, "PV1", 3)).isEqualTo("4W^401^B");
            assertThat(fieldOf(oru, "PV1", 19)).isEqualTo("V778899");
            assertThat(fieldOf(oru, "ORC", 2)).isEqualTo("PLC-PFC^EPIC");
            assertThat(fieldOf(oru, "OBR", 2)).isEqualTo("PLC-PFC^EPIC");
            assertThat(fieldOf(oru, "ORC", 12)).isEqualTo("1234^Welby^Marcus^A^Jr^Dr");
            assertThat(fieldOf(oru, "OBR", 16)).isEqualTo("1234^Welby^Marcus^A^Jr^Dr");
            assertThat(fieldOf(oru, "OBR", 24)).isEqualTo("CT");
            assertThat(fieldOf(oru, "OBR", 7)).as("the MPPS start, in the site's time").startsWith("20260102080500");
        }
        String preliminary = received.get(0);
        assertThat(fieldOf(preliminary, "OBR", 32)).isEqualTo("res1&Resident&Rita&&&Dr.");
        assertThat(fieldOf(preliminary, "OBX", 16)).isEqualTo("res1^Resident^Rita^^^Dr.");
        assertThat(fieldOf(preliminary, "OBX", 5)).isEqualTo("Consolidation, right lower lobe.");
        assertThat(fieldOf(received.get(1), "OBR", 32)).isEqualTo("rad1&House&&&&Dr");
        assertThat(segments(received.get(2), "OBX")).anyMatch(obx -> obx.contains("|Follow-up in six weeks.|"));
    }

    @Test
    void anErrorAnswerIsRetriedUntilAccepted() throws Exception {
        EHR.script("PLC-AE", "AE", "AA");
        SignedReport report = signReport("PLC-AE", "Small nodule.");
        assertThat(await(report.deliveryId(), DeliveredEvent.class, e -> true).ackCode()).isEqualTo("AA");
        List<DeliveryAttemptedEvent> attempts = events(report.deliveryId(), DeliveryAttemptedEvent.class);
        assertThat(attempts).extracting(DeliveryAttemptedEvent::attempt).containsExactly(1, 2);
        assertThat(attempts.get(0).ackCode()).isEqualTo("AE");
        assertThat(attempts.get(0).error()).contains("not today");
        List<String> received = EHR.received("PLC-AE");
        assertThat(received).hasSize(2);
        assertThat(fieldOf(received.get(0), "MSH", 10)).isNotEqualTo(fieldOf(received.get(1), "MSH", 10));
    }

    @Test
    void aSilentEhrTimesOutAndIsRetried() throws Exception {
        EHR.script("PLC-SILENT", "SILENT");
        SignedReport report = signReport("PLC-SILENT", "Effusion.");
        assertThat(await(report.deliveryId(), DeliveredEvent.class, e -> true).ackCode()).isEqualTo("AA");
        assertThat(events(report.deliveryId(), DeliveryAttemptedEvent.class).get(0).error())
                .startsWith("timeout");
    }

    @Test
    void anUnreachableEhrFailsTheDeliveryAfterTheLastAttempt() throws Exception {
        EHR.stop();
        try {
            SignedReport report = signReport("PLC-DOWN", "Fracture.");
            DeliveryFailedEvent failed = await(report.deliveryId(), DeliveryFailedEvent.class,
                    e -> true);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.lastError()).startsWith("connection refused");
            assertThat(events(report.deliveryId(), DeliveryAttemptedEvent.class))
                    .extracting(DeliveryAttemptedEvent::attempt).containsExactly(1, 2, 3);
            assertThat(events(report.deliveryId(), DeliveredEvent.class)).isEmpty();
        } finally {
            EHR.restart();
        }
    }

    private record SignedReport(String deliveryId, PatientIdentifier patient, String accession) {
    }

    private SignedReport signReport(String placerOrderNumber, String text) throws Exception {
        PatientIdentifier patient = registerPatient();
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, placerOrderNumber, CT_CHEST, "CT", OrderPriority.ROUTINE, null,
                null, null));
        String reportId = draftOn(orderId, patient, placerOrderNumber, RADIOLOGIST, text);
        send(new SignReportCommand(reportId, RADIOLOGIST));
        String accession = await(orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        return new SignedReport(reportId + "/EHR/0", patient, accession);
    }

    private PatientIdentifier registerPatient() {
        PatientIdentifier patient = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Doe", "Jane", null, null, null),
                LocalDate.of(1970, 1, 2), "F")));
        return patient;
    }

    /** The order's study arrives and is matched; a report on it is drafted. */
    private String draftOn(String orderId, PatientIdentifier patient, String placerOrderNumber, Actor author,
                           String text) {
        String accession = await(orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + placerOrderNumber, "CT1",
                new ReceivedStudyAttributes(patient.id(), patient.issuer(), "DOE^JANE", accession, "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        10, "ab"))));
        assertThat(await(studyUid, StudyMatchedToOrderEvent.class, e -> true).orderId()).isEqualTo(orderId);
        String reportId = "report-" + UUID.randomUUID();
        send(new DraftReportCommand(reportId, orderId, studyUid, author, text));
        return reportId;
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(AUDIT));
    }

    private <T> List<T> events(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private <T> T await(String aggregateId, Class<T> type, Predicate<T> condition) {
        return Eventually.event(eventStore, aggregateId, type, condition);
    }
}
