package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.MllpTestClient.exchange;
import static org.rispacs.app.support.MllpTestClient.frame;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.MllpTestClient;
import org.rispacs.hl7.mllp.MllpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * An EHR's HL7 feed over MLLP, sent by HAPI's client and by Debian's mllp_send (python3-hl7),
 * into the workflow: patients and orders stored, duplicates answered without effect, errors and
 * rejects acknowledged, and the listener alive after garbage.
 */
class Hl7InboundIT extends ApplicationTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.hl7.modality-by-section.RAD-CT", () -> "CT");
    }

    @Autowired
    MllpServer hl7;

    @TempDir
    Path work;

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

    private List<String> sendWithHapi(String text) throws Exception {
        return MllpTestClient.send(hl7.port(), text);
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
    void anOmiWithPlacerIdentifiersReachesTheModalityWorklistWithThem() throws Exception {
        String accession = "I" + unique();
        String studyUid = "1.2.826.0.1.3680043.10.1." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        List<String> placed = sendWithHapi(omi("OMI-" + accession, "PO-" + accession, accession,
                "RP-" + accession.substring(1, 6), studyUid, "SPS-" + accession.substring(1, 6)));
        assertThat(placed).contains("MSA|AA|OMI-" + accession);
        JsonNode item = Eventually.eventually(() -> TestApi.client(port).get()
                .uri("/api/worklists/modality?accessionNumber={a}", accession).retrieve().body(JsonNode.class),
                found -> found != null && found.size() == 1).get(0);
        assertThat(item.get("studyInstanceUid").asText()).isEqualTo(studyUid);
        assertThat(item.get("requestedProcedureId").asText()).isEqualTo("RP-" + accession.substring(1, 6));
        assertThat(item.get("scheduledProcedureStepId").asText()).isEqualTo("SPS-" + accession.substring(1, 6));
        assertThat(item.get("scheduledStationAeTitle").asText()).isEqualTo("MR7");
        assertThat(item.get("modality").asText()).isEqualTo("MR");

        String other = "J" + unique();
        List<String> reused = sendWithHapi(omi("OMI-" + other, "PO-" + other, other, null, studyUid, null));
        assertThat(reused).contains("MSA|AE|OMI-" + other);
        assertThat(reused).anyMatch(segment -> segment.startsWith("ERR||IPC^1^3|205^")
                && segment.contains("|STUDY_UID_IN_USE|"));
        String malformed = "K" + unique();
        List<String> badUid = sendWithHapi(omi("OMI-" + malformed, "PO-" + malformed, malformed, null, "1.2.03.x",
                null));
        assertThat(badUid).contains("MSA|AE|OMI-" + malformed);
        assertThat(badUid).anyMatch(segment -> segment.startsWith("ERR||IPC^1^3|102^")
                && segment.contains("is not a DICOM UID"));
    }

    @Test
    void aStatusChangeCancelsOrIsRefusedClearly() throws Exception {
        String accession = "S" + unique();
        assertThat(sendWithHapi(ormNew("NW-" + accession, "P-" + unique(), "PO-" + accession, accession)))
                .contains("MSA|AA|NW-" + accession);
        String orderId = awaitOrder(accession).get("orderId").asText();
        List<String> inProcess = sendWithHapi(ormStatus("SC-IP-" + accession, "PO-" + accession, "IP"));
        assertThat(inProcess).contains("MSA|AE|SC-IP-" + accession);
        assertThat(inProcess).anyMatch(segment -> segment.startsWith("ERR||ORC^1^5|103^")
                && segment.contains("recorded by the RIS itself"));
        assertThat(sendWithHapi(ormStatus("SC-CA-" + accession, "PO-" + accession, "CA")))
                .contains("MSA|AA|SC-CA-" + accession);
        assertThat(Eventually.event(eventStore, orderId, OrderCancelledEvent.class).reason())
                .isEqualTo("Placer cancelled");
    }

    /**
     * Malformed and hostile input over one raw connection: each message gets the right
     * acknowledgement (code, ERR-3) and the connection stays usable; broken framing closes only its
     * own connection; what was accepted before is all still there afterwards.
     */
    @Test
    void malformedAndHostileInputIsAnsweredOrCutOffAndNothingAcceptedIsLost() throws Exception {
        String patient = "P-" + unique();
        String accession = "B" + unique();
        assertThat(sendWithHapi(adtA04("KEEP-" + patient, patient, "Keeper"))).contains("MSA|AA|KEEP-" + patient);
        assertThat(sendWithHapi(ormNew("KEEP-" + accession, patient, "PO-" + accession, accession)))
                .contains("MSA|AA|KEEP-" + accession);
        String orderId = awaitOrder(accession).get("orderId").asText();

        String h = "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||";
        String pid = "\rPID|1||" + patient + "^^^HOSP||Doe^Jane";
        String orm = h + "ORM^O01|";
        String omi = h + "OMI^O23^OMI_O23|";
        String obr = "\rOBR|1|PO-X||CTCHEST^CT chest^LOCAL||||||||||||||||||||RAD-CT";
        byte[] binary = new byte[512];
        new Random(7).nextBytes(binary);
        for (int i = 0; i < binary.length; i++) {
            // no framing bytes and no segment ends: one frame of pure garbage
            binary[i] = binary[i] == 0x0b || binary[i] == 0x1c || binary[i] == 0x0d ? 0x01 : binary[i];
        }
        binary[0] = 0x00;
        List<Hostile> cases = List.of(
                new Hostile("not HL7 at all", "this is not HL7 at all", "AR", 100),
                new Hostile("empty frame", "", "AR", 100),
                new Hostile("only MSH", "MSH", "AR", 100),
                new Hostile("MSH and separator", "MSH|", "AR", 100),
                new Hostile("PID first", "PID|1||X^^^HOSP||Doe", "AR", 100),
                new Hostile("segment before MSH", "EVN|A04\r" + h + "ADT^A04|H6|P|2.5.1" + pid, "AR", 100),
                new Hostile("letter as field separator", "MSHX^~\\&XEPICXHOSP", "AR", 100),
                new Hostile("binary garbage", new String(binary, StandardCharsets.ISO_8859_1), "AR", 100),
                new Hostile("no MSH-9", h + "|H9|P|2.5.1" + pid, "AR", 200),
                new Hostile("no MSH-10", h + "ADT^A04||P|2.5.1" + pid, "AR", 101),
                new Hostile("no MSH-12", h + "ADT^A04|H11|P|" + pid, "AR", 203),
                new Hostile("truncated MSH", h + "ADT^A04|H12", "AR", 203),
                new Hostile("version 2.2", h + "ADT^A04|H13|P|2.2" + pid, "AR", 203),
                new Hostile("version 2.9", h + "ADT^A04|H14|P|2.9" + pid, "AR", 203),
                new Hostile("version 3.0", h + "ADT^A04|H15|P|3.0" + pid, "AR", 203),
                new Hostile("version text", h + "ADT^A04|H16|P|latest" + pid, "AR", 203),
                new Hostile("unknown type", h + "ZZZ^Z01|H17|P|2.5.1" + pid, "AR", 200),
                new Hostile("unsupported type", h + "SIU^S12|H18|P|2.5.1\rSCH|1", "AR", 200),
                new Hostile("unknown ADT trigger", h + "ADT^A99|H19|P|2.5.1" + pid, "AR", 201),
                new Hostile("ADT trigger beyond table 0003's ADT range", h + "ADT^A63|H20|P|2.5.1" + pid, "AR", 201),
                new Hostile("unknown ORM trigger", orm.replace("O01", "O02") + "H21|P|2.5.1" + pid, "AR", 201),
                new Hostile("unsupported charset", h + "ADT^A04|H22|P|2.5.1||||||EBCDIC" + pid, "AR", 103),
                new Hostile("charset whose header is not ASCII bytes", h + "ADT^A04|H23|P|2.5.1||||||UNICODE UTF-16"
                        + pid, "AR", 103),
                new Hostile("A04 without PID", h + "ADT^A04|H24|P|2.5.1\rEVN|A04", "AE", 101),
                new Hostile("PID without PID-3", h + "ADT^A04|H25|P|2.5.1\rPID|1||||Doe^Jane", "AE", 101),
                new Hostile("PID-3 without issuer", h + "ADT^A04|H26|P|2.5.1\rPID|1||X26||Doe^Jane", "AE", 101),
                new Hostile("wrong delimiters in PID", h + "ADT^A04|H27|P|2.5.1\rPID;1;;X27^^^HOSP;;Doe", "AR",
                        100),
                new Hostile("invalid birth date", h + "ADT^A04|H28|P|2.5.1\rPID|1||X28^^^HOSP||Doe^J||19801340",
                        "AE", 102),
                new Hostile("ORM without ORC", orm + "H29|P|2.5.1" + pid + obr, "AE", 101),
                new Hostile("NW without OBR", orm + "H30|P|2.5.1" + pid + "\rORC|NW|PO-30", "AE", 101),
                new Hostile("NW without placer number", orm + "H31|P|2.5.1" + pid + "\rORC|NW" + obr.replace(
                        "PO-X", ""), "AE", 101),
                new Hostile("unknown order control", orm + "H32|P|2.5.1" + pid + "\rORC|ZZ|PO-32" + obr, "AE", 103),
                new Hostile("no modality", orm + "H33|P|2.5.1" + pid + "\rORC|NW|PO-33" + obr.replace("RAD-CT", ""),
                        "AE", 101),
                new Hostile("not a DICOM modality", orm + "H34|P|2.5.1" + pid + "\rORC|NW|PO-34" + obr.replace(
                        "RAD-CT", "C T!"), "AE", 103),
                new Hostile("invalid requested start", orm + "H35|P|2.5.1" + pid + "\rORC|NW|PO-35|||||^^^202613011000"
                        + obr, "AE", 102),
                new Hostile("status change to in process", orm + "H36|P|2.5.1\rORC|SC|PO-" + accession + "|||IP",
                        "AE", 103),
                new Hostile("placer UID not a UID", omi + "H37|P|2.5.1" + pid + "\rORC|NW|PO-37\rTQ1|1||||||"
                        + "202612011000" + obr + "\rIPC|A37|RP37|1.2.abc|SPS37|CT||||CT1", "AE", 102),
                new Hostile("cancel of an unknown order", orm + "H38|P|2.5.1\rORC|CA|PO-NONE-" + unique(), "AE", 204),
                new Hostile("oversized", h + "ADT^A04|H39|P|2.5.1" + pid + "\rNTE|1||" + "x".repeat(1_100_000),
                        "AR", 207));
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            for (Hostile hostile : cases) {
                String ack = exchange(socket, hostile.message(), StandardCharsets.ISO_8859_1);
                assertThat(ack).as(hostile.name()).contains("\rMSA|" + hostile.ackCode() + "|");
                assertThat(ack).as(hostile.name()).containsPattern("\\rERR\\|[^\\r]*[|^]" + hostile.errorCode()
                        + "[\\^&]");
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);

        // framing attacks: each ends its own connection only
        try (Socket unframedFlood = new Socket("127.0.0.1", hl7.port())) {
            unframedFlood.setSoTimeout(60_000);
            assertThat(floodUntilClosed(unframedFlood, new byte[1 << 16], 40)).as("bytes outside frames").isTrue();
        }
        try (Socket nullsInFrame = new Socket("127.0.0.1", hl7.port())) {
            nullsInFrame.getOutputStream().write(new byte[] {0x0b, 0x00, 0x00, 0x1c});
        }
        try (Socket cut = new Socket("127.0.0.1", hl7.port())) {
            cut.getOutputStream().write(("\u000b" + h + "ADT^A04|CUT|P|2.5.1" + pid)
                    .getBytes(StandardCharsets.US_ASCII));
        }

        // nothing accepted before is lost, and the listener serves on
        assertThat(registeredFamilyName(patient + "^^^HOSP")).isEqualTo("Keeper");
        assertThat(eventStore.readEvents(orderId).asStream().map(DomainEventMessage::getPayload)
                .filter(OrderPlacedEvent.class::isInstance)).hasSize(1);
        assertThat(awaitOrder(accession).get("orderId").asText()).isEqualTo(orderId);
        assertThat(sendWithHapi(adtA04("KEEP-" + patient, patient, "Keeper"))).contains("MSA|AA|KEEP-" + patient);
        String after = "P-" + unique();
        assertThat(sendWithHapi(adtA04("AFTER-" + after, after, "Doe"))).contains("MSA|AA|AFTER-" + after);
        assertThat(hl7.isRunning()).isTrue();
    }

    private record Hostile(String name, String message, String ackCode, int errorCode) {
    }

    /** Writes chunks until the peer closes the connection; whether it did within that many chunks. */
    private static boolean floodUntilClosed(Socket socket, byte[] chunk, int chunks) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
                out.flush();
            }
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException closed) {
            return true;
        }
    }

    private static String omi(String controlId, String placer, String accession, String requestedProcedureId,
                              String studyUid, String stepId) {
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||OMI^O23^OMI_O23|" + controlId
                        + "|P|2.5.1", "PID|1||P-" + accession + "^^^HOSP||Omi^Olga", "ORC|NW|" + placer,
                "TQ1|1||||||202612011000||R", "OBR|1|" + placer + "||MRKNEE^MR knee^LOCAL",
                "IPC|" + accession + "|" + nullToEmpty(requestedProcedureId) + "|" + studyUid + "|"
                        + nullToEmpty(stepId) + "|MR||||MR7") + "\r";
    }

    private static String ormStatus(String controlId, String placer, String status) {
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||ORM^O01|" + controlId
                + "|P|2.5.1", "ORC|SC|" + placer + "|||" + status + "|||||||||||^Placer cancelled") + "\r";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
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

    private JsonNode awaitOrder(String accession) {
        RestClient rest = TestApi.client(port);
        return Eventually.eventually(Duration.ofSeconds(30), () -> rest.get().uri("/api/orders?accession={a}",
                accession).retrieve().body(JsonNode.class), found -> found != null && found.size() == 1).get(0);
    }
}
