package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestProperties;
import org.rispacs.hl7.mllp.MllpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * An EHR's HL7 feed over MLLP, sent by HAPI's client and by Debian's mllp_send (python3-hl7),
 * into the workflow: patients and orders stored, duplicates answered without effect, errors and
 * rejects acknowledged, and the listener alive after garbage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Hl7InboundIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
        registry.add("ris.hl7.modality-by-section.RAD-CT", () -> "CT");
    }

    private static HapiContext hapi;

    @LocalServerPort
    int httpPort;
    @Autowired
    MllpServer hl7;
    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;

    @TempDir
    Path work;

    @BeforeAll
    static void hapiClient() {
        hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        hapi.setExecutorService(Executors.newCachedThreadPool());
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    @AfterAll
    static void closeHapi() throws Exception {
        hapi.close();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String adtA04(String controlId, String patientId, String family) {
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||ADT^A04^ADT_A01|" + controlId
                        + "|P|2.5.1", "EVN|A04|20260101120000",
                "PID|1||" + patientId + "^^^HOSP||" + family + "^Jane||19800215|F") + "\r";
    }

    private static String ormNew(String controlId, String patientId, String placer, String accession) {
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||ORM^O01|" + controlId + "|P|2.3",
                "PID|1||" + patientId + "^^^HOSP||Doe^Jane", "ORC|NW|" + placer + "|||||^^^^^S",
                "OBR|1|" + placer + "||CTCHEST^CT chest^LOCAL||||||||||||||" + accession
                        + "||||||RAD-CT|||||||Cough") + "\r";
    }

    private static String ormControl(String controlId, String control, String placer) {
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||ORM^O01|" + controlId
                + "|P|2.5.1", "ORC|" + control + "|" + placer) + "\r";
    }

    /** Sends with HAPI's own MLLP client; the acknowledgement as text, segments split. */
    private List<String> sendWithHapi(String text) throws Exception {
        Connection connection = hapi.newClient("127.0.0.1", hl7.port(), false);
        try {
            connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
            Message response = connection.getInitiator().sendAndReceive(hapi.getPipeParser().parse(text));
            return List.of(response.encode().split("\r"));
        } finally {
            connection.close();
        }
    }

    @Test
    void aPatientAndANewOrderAreAcceptedOnlyOnceStored() throws Exception {
        String patient = "P-" + unique();
        String accession = "H" + unique();
        List<String> registered = sendWithHapi(adtA04("A04-" + patient, patient, "Doe"));
        assertThat(registered).contains("MSA|AA|A04-" + patient);
        assertThat(registered.get(0)).startsWith("MSH|^~\\&|RISPACS|RISPACS|EPIC|HOSP|");

        List<String> placed = sendWithHapi(ormNew("NW-" + accession, patient, "PO-" + accession, accession));
        assertThat(placed).contains("MSA|AA|NW-" + accession);

        JsonNode order = awaitOrder(accession);
        assertThat(order.get("patientId").asText()).isEqualTo(patient);
        assertThat(order.get("priority").asText()).isEqualTo("STAT");
        DomainEventMessage<?> placedEvent = eventStore.readEvents(order.get("orderId").asText()).asStream()
                .filter(event -> event.getPayload() instanceof OrderPlacedEvent).findFirst().orElseThrow();
        assertThat(placedEvent.getMetaData()).containsEntry(AuditMetadata.ACTOR, "hl7:EPIC/HOSP")
                .containsEntry(AuditMetadata.CHANNEL, "hl7")
                .containsEntry(AuditMetadata.SOURCE, "MSH-10 NW-" + accession + " from EPIC/HOSP");
    }

    @Test
    void aMessageDeliveredTwiceGetsTheSameAcknowledgementAndMakesOneOrder() throws Exception {
        String patient = "P-" + unique();
        String accession = "D" + unique();
        String message = ormNew("DUP-" + accession, patient, "PO-" + accession, accession);
        List<String> first = sendWithHapi(message);
        List<String> second = sendWithHapi(message);
        assertThat(first).contains("MSA|AA|DUP-" + accession);
        assertThat(second).isEqualTo(first);

        // the placer re-sends its order under a new control id: still the one order
        assertThat(sendWithHapi(ormNew("RESENT-" + accession, patient, "PO-" + accession, accession)))
                .contains("MSA|AA|RESENT-" + accession);
        String orderId = awaitOrder(accession).get("orderId").asText();
        assertThat(eventStore.readEvents(orderId).asStream().map(DomainEventMessage::getPayload)
                .filter(OrderPlacedEvent.class::isInstance)).hasSize(1);
    }

    @Test
    void cancellingAnUnknownOrAcompletedOrderIsAnApplicationError() throws Exception {
        List<String> unknown = sendWithHapi(ormControl("CA-UNKNOWN-" + unique(), "CA", "NO-SUCH-" + unique()));
        assertThat(unknown).anyMatch(segment -> segment.startsWith("MSA|AE|"));
        assertThat(unknown).anyMatch(segment -> segment.startsWith("ERR||ORC^1^2|204^"));

        String accession = "C" + unique();
        assertThat(sendWithHapi(ormNew("NW-" + accession, "P-" + unique(), "PO-" + accession, accession)))
                .contains("MSA|AA|NW-" + accession);
        String orderId = awaitOrder(accession).get("orderId").asText();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new CompleteProcedureStepCommand(orderId,
                CompletionSource.TECHNOLOGIST, null, List.of())).andMetaData(Map.of(AuditMetadata.ACTOR, "tech",
                AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, "Hl7InboundIT")));
        List<String> completed = sendWithHapi(ormControl("CA-" + accession, "CA", "PO-" + accession));
        assertThat(completed).contains("MSA|AE|CA-" + accession);
        assertThat(completed).anyMatch(segment -> segment.startsWith("ERR||ORC^1^1|207^")
                && segment.contains("|ILLEGAL_TRANSITION|"));
    }

    @Test
    void garbageAndUnsupportedMessagesAreRejectedAndTheListenerGoesOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            String garbage = exchange(socket, "this is not HL7 at all", StandardCharsets.US_ASCII);
            assertThat(garbage).contains("MSA|AR|");
            String unsupported = exchange(socket, "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101||SIU^S12|U1|P|2.5.1\r"
                    + "SCH|1\r", StandardCharsets.US_ASCII);
            assertThat(unsupported).contains("MSA|AR|U1").contains("|200^Unsupported message type^HL70357|");
            String oldVersion = exchange(socket, "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101||ADT^A04|V1|P|2.2\r",
                    StandardCharsets.US_ASCII);
            assertThat(oldVersion).contains("MSA|AR|V1").contains("^203&Unsupported version id&HL70357");
            String patient = "P-" + unique();
            assertThat(exchange(socket, adtA04("AFTER-" + patient, patient, "Doe"), StandardCharsets.US_ASCII))
                    .contains("MSA|AA|AFTER-" + patient);
        }
        try (Socket rude = new Socket("127.0.0.1", hl7.port())) {
            rude.getOutputStream().write("\u000bMSH|^~\\&|cut in the middle".getBytes(StandardCharsets.US_ASCII));
        }
        String patient = "P-" + unique();
        assertThat(sendWithHapi(adtA04("NEXT-" + patient, patient, "Doe"))).contains("MSA|AA|NEXT-" + patient);
    }

    @Test
    void namesAreDecodedInTheCharacterSetOfMsh18() throws Exception {
        String latin = "P-" + unique();
        String utf8 = "P-" + unique();
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            String latinMessage = adtA04("L-" + latin, latin, "Müller").replace("|P|2.5.1", "|P|2.5.1||||||8859/1");
            assertThat(exchange(socket, latinMessage, StandardCharsets.ISO_8859_1)).contains("MSA|AA|L-" + latin);
            String utf8Message = adtA04("U-" + utf8, utf8, "Øster").replace("|P|2.5.1", "|P|2.5.1||||||UNICODE UTF-8");
            assertThat(exchange(socket, utf8Message, StandardCharsets.UTF_8)).contains("MSA|AA|U-" + utf8);
        }
        assertThat(registeredFamilyName(latin + "^^^HOSP")).isEqualTo("Müller");
        assertThat(registeredFamilyName(utf8 + "^^^HOSP")).isEqualTo("Øster");
    }

    @Test
    void debiansMllpSendIsAnsweredAsAnyOtherClient() throws Exception {
        Path mllpSend = Path.of("/usr/bin/mllp_send");
        assertThat(mllpSend).as("mllp_send from Debian's python3-hl7 (CI installs it)").isExecutable();
        String patient = "P-" + unique();
        Path file = work.resolve("a04.hl7");
        Files.write(file, frame(adtA04("PY-" + patient, patient, "Doe"), StandardCharsets.US_ASCII));
        Process process = new ProcessBuilder(mllpSend.toString(), "--port", String.valueOf(hl7.port()), "--file",
                file.toString(), "127.0.0.1").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("MSA|AA|PY-" + patient);
        assertThat(registeredFamilyName(patient + "^^^HOSP")).isEqualTo("Doe");
    }

    private String registeredFamilyName(String patientKey) {
        return eventStore.readEvents(patientKey).asStream().map(DomainEventMessage::getPayload)
                .filter(PatientRegisteredEvent.class::isInstance).map(PatientRegisteredEvent.class::cast)
                .findFirst().orElseThrow().demographics().name().family();
    }

    private static byte[] frame(String text, Charset charset) {
        byte[] payload = text.getBytes(charset);
        byte[] framed = new byte[payload.length + 3];
        framed[0] = 0x0b;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = 0x1c;
        framed[framed.length - 1] = 0x0d;
        return framed;
    }

    /** One request and its reply over a raw socket, as an MLLP client written by someone else would. */
    private static String exchange(Socket socket, String text, Charset charset) throws Exception {
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(frame(text, charset));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b = in.read();
        assertThat(b).as("start block").isEqualTo(0x0b);
        while ((b = in.read()) != 0x1c) {
            assertThat(b).as("the reply ended early").isNotNegative();
            reply.write(b);
        }
        assertThat(in.read()).isEqualTo(0x0d);
        return reply.toString(charset);
    }

    private JsonNode awaitOrder(String accession) throws InterruptedException {
        RestClient rest = TestApi.client(httpPort);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = rest.get().uri("/api/orders?accession={a}", accession).retrieve().body(JsonNode.class);
            if (found != null && found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no order with accession " + accession + " in the read model within 30 s");
    }
}
