package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.ReportDeliveredEvent;
import org.rispacs.api.delivery.ReportDeliveryAttemptedEvent;
import org.rispacs.api.delivery.ReportDeliveryFailedEvent;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestProperties;
import org.rispacs.hl7.mllp.MllpFrameReader;
import org.rispacs.hl7.mllp.MllpFrames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signed reports leave as ORU^R01 to an EHR played by a small MLLP server on loopback: accepted at
 * once, accepted after an AE, and never reached because the EHR is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Hl7ReportDeliveryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Map<String, String> AUDIT = Map.of(AuditMetadata.ACTOR, "hl7-delivery-it",
            AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, "Hl7ReportDeliveryIT");
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    private static final ScriptedEhr EHR = ScriptedEhr.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
        TestProperties.quickDeliveryRetries(registry, 3);
        registry.add("ris.workflow.report-delivery.multiplier", () -> "1");
        registry.add("ris.hl7.destinations.EHR.host", () -> "127.0.0.1");
        registry.add("ris.hl7.destinations.EHR.port", EHR::port);
        registry.add("ris.hl7.destinations.EHR.receiving-application", () -> "EPIC");
        registry.add("ris.hl7.destinations.EHR.receiving-facility", () -> "HOSP");
        registry.add("ris.hl7.destinations.EHR.connect-timeout", () -> "1s");
        registry.add("ris.hl7.destinations.EHR.read-timeout", () -> "2s");
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;

    @AfterAll
    static void stopEhr() {
        EHR.stop();
    }

    @Test
    void anAcceptedReportIsDelivered() throws Exception {
        SignedReport report = signReport("PLC-AA", "No acute finding.\nLungs clear.");
        ReportDeliveredEvent delivered = await(report.deliveryId(), ReportDeliveredEvent.class, e -> true);
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
    void anErrorAnswerIsRetriedUntilAccepted() throws Exception {
        EHR.script("PLC-AE", "AE", "AA");
        SignedReport report = signReport("PLC-AE", "Small nodule.");
        assertThat(await(report.deliveryId(), ReportDeliveredEvent.class, e -> true).ackCode()).isEqualTo("AA");
        List<ReportDeliveryAttemptedEvent> attempts = events(report.deliveryId(), ReportDeliveryAttemptedEvent.class);
        assertThat(attempts).extracting(ReportDeliveryAttemptedEvent::attempt).containsExactly(1, 2);
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
        assertThat(await(report.deliveryId(), ReportDeliveredEvent.class, e -> true).ackCode()).isEqualTo("AA");
        assertThat(events(report.deliveryId(), ReportDeliveryAttemptedEvent.class).get(0).error())
                .startsWith("timeout");
    }

    @Test
    void anUnreachableEhrFailsTheDeliveryAfterTheLastAttempt() throws Exception {
        EHR.stop();
        try {
            SignedReport report = signReport("PLC-DOWN", "Fracture.");
            ReportDeliveryFailedEvent failed = await(report.deliveryId(), ReportDeliveryFailedEvent.class,
                    e -> true);
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.lastError()).startsWith("connection refused");
            assertThat(events(report.deliveryId(), ReportDeliveryAttemptedEvent.class))
                    .extracting(ReportDeliveryAttemptedEvent::attempt).containsExactly(1, 2, 3);
            assertThat(events(report.deliveryId(), ReportDeliveredEvent.class)).isEmpty();
        } finally {
            EHR.restart();
        }
    }

    private record SignedReport(String deliveryId, PatientIdentifier patient, String accession) {
    }

    private SignedReport signReport(String placerOrderNumber, String text) throws Exception {
        PatientIdentifier patient = new PatientIdentifier("P-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Doe", "Jane", null, null, null),
                LocalDate.of(1970, 1, 2), "F")));
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, placerOrderNumber, CT_CHEST, "CT", OrderPriority.ROUTINE, null,
                null, null));
        String accession = await(orderId, AccessionAssignedEvent.class, e -> true).accessionNumber();
        String studyUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + placerOrderNumber, "CT1",
                new ReceivedStudyAttributes(patient.id(), patient.issuer(), "DOE^JANE", accession, "CT", null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        10, "ab"))));
        assertThat(await(studyUid, StudyMatchedToOrderEvent.class, e -> true).orderId()).isEqualTo(orderId);
        String reportId = "report-" + UUID.randomUUID();
        send(new DraftReportCommand(reportId, orderId, studyUid, RADIOLOGIST, text));
        send(new SignReportCommand(reportId, RADIOLOGIST));
        return new SignedReport(reportId + "/EHR/0", patient, accession);
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

    private static String fieldOf(String message, String segment, int field) {
        for (String line : message.split("\r")) {
            if (line.startsWith(segment + "|")) {
                String[] fields = line.split("\\|", -1);
                int index = segment.equals("MSH") ? field - 1 : field;
                return index < fields.length ? fields[index] : "";
            }
        }
        return null;
    }

    /**
     * The EHR: answers each ORU^R01 by the script for its placer order number (OBR-2), AA when
     * none is left; "SILENT" never answers. {@link #stop()} closes the port.
     */
    private static final class ScriptedEhr {

        private volatile ServerSocket server;
        private final Map<String, Queue<String>> scripts = new ConcurrentHashMap<>();
        private final Map<String, Queue<String>> received = new ConcurrentHashMap<>();

        private ScriptedEhr(ServerSocket server) {
            this.server = server;
        }

        static ScriptedEhr start() {
            ScriptedEhr ehr = new ScriptedEhr(listen(0));
            ehr.acceptInBackground();
            return ehr;
        }

        /** Listens again on the same port after {@link #stop()}. */
        void restart() {
            server = listen(server.getLocalPort());
            acceptInBackground();
        }

        private static ServerSocket listen(int port) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return socket;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void acceptInBackground() {
            ServerSocket listening = server;
            Thread acceptor = new Thread(() -> serve(listening), "scripted-ehr");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void script(String placerOrderNumber, String... answers) {
            scripts.put(placerOrderNumber, new ConcurrentLinkedQueue<>(List.of(answers)));
        }

        List<String> received(String placerOrderNumber) {
            return List.copyOf(received.getOrDefault(placerOrderNumber, new ConcurrentLinkedQueue<>()));
        }

        void stop() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void serve(ServerSocket listening) {
            while (!listening.isClosed()) {
                try (Socket connection = listening.accept()) {
                    connection.setSoTimeout(5000);
                    answer(connection.getInputStream(), connection.getOutputStream());
                } catch (IOException e) {
                    // next connection
                }
            }
        }

        private void answer(InputStream in, OutputStream out) throws IOException {
            MllpFrameReader.Frame frame = new MllpFrameReader(in, 1 << 20).next();
            if (frame == null) {
                return;
            }
            String message = new String(frame.payload(), StandardCharsets.UTF_8);
            String placer = fieldOf(message, "OBR", 2);
            Queue<String> script = scripts.get(placer);
            String answer = script == null || script.isEmpty() ? "AA" : script.poll();
            if (answer.equals("SILENT")) {
                // longer than the read timeout: the sender must give up on its own
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            received.computeIfAbsent(placer, p -> new ConcurrentLinkedQueue<>()).add(message);
            String ack = "MSH|^~\\&|EPIC|HOSP|RISPACS|RISPACS|20260101||ACK^R01^ACK|ACK-" + UUID.randomUUID()
                    .toString().substring(0, 8) + "|P|2.5.1\rMSA|" + answer + "|" + fieldOf(message, "MSH", 10)
                    + (answer.equals("AA") ? "" : "\rERR||OBR^1^2|207^Application internal error^HL70357|E||||"
                    + "not today");
            out.write(MllpFrames.frame(ack.getBytes(StandardCharsets.UTF_8)));
            out.flush();
        }
    }
}
