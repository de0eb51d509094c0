package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.MllpTestClient.exchange;
import static org.rispacs.app.support.MllpTestClient.frame;
import static org.rispacs.app.support.MllpTestClient.readReply;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.MllpTestClient;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.hl7.mapping.PlacerOrderIds;
import org.rispacs.hl7.mllp.MllpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An AA means the whole message is kept exactly; an AE or AR means nothing of it was kept. Each
 * test sends what an EHR really sends (HAPI's client or raw MLLP bytes) and checks the
 * acknowledgement and the state: the event store, the REST read models, the DICOM worklist as
 * findscu sees it, interface health. On the defaults: no station is configured for any modality.
 */
class Hl7IntakeIntegrityIT extends ApplicationTest {

    private static final String MSH = "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20261207080000||";

    @Autowired
    MllpServer hl7;
    @Autowired
    DicomServer dicom;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path work;

    private List<String> send(String text) throws Exception {
        return MllpTestClient.send(hl7.port(), text);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String message(String type, String controlId, String... segments) {
        return MSH + type + "|" + controlId + "|P|2.5.1\r" + String.join("\r", segments) + "\r";
    }

    private static String ctOrder(String placer, String accession) {
        return "OBR|1|" + placer + "||CTCHEST^CT chest^LOCAL||||||||||||||" + accession + "||||||CT";
    }

    private long eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().count();
    }

    private static String orderId(String placer) {
        return PlacerOrderIds.orderId("HOSP", placer);
    }

    private long recordedMessages(String controlId) {
        return jdbc.queryForObject("SELECT count(*) FROM hl7_inbound_message WHERE control_id = ?", Long.class,
                controlId);
    }

    private JsonNode worklistItem(String accession) {
        return Eventually.eventually(() -> TestApi.client(port).get()
                        .uri("/api/worklists/modality?accessionNumber={a}", accession).retrieve().body(JsonNode.class),
                found -> found != null && found.size() == 1).get(0);
    }

    /** Defects 1 and 15: an order for a patient no ADT announced reaches the DICOM worklist with the PID's data. */
    @Test
    void anOrderForAnUnregisteredPatientReachesTheDicomWorklistWithItsDemographics() throws Exception {
        String id = unique();
        String patient = "P-" + id;
        String accession = "W" + id;
        List<String> ack = send(message("ORM^O01", "W-" + id,
                "PID|1||" + patient + "^^^HOSP||Walker^Wanda^Q||19800517|F",
                "ORC|NW|PO-" + id + "|||||^^^202612071030^^R|||||1234^SMITH^JOHN", ctOrder("PO-" + id, accession)));
        assertThat(ack).contains("MSA|AA|W-" + id);

        JsonNode item = worklistItem(accession);
        assertThat(item.get("patientName").asText()).isEqualTo("Walker^Wanda^Q");
        assertThat(item.get("patientBirthDate").asText()).isEqualTo("1980-05-17");
        assertThat(item.get("patientSex").asText()).isEqualTo("F");
        assertThat(item.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(item.get("referringPhysicianName").asText()).isEqualTo("SMITH^JOHN");

        List<Attributes> found = DcmtkTools.findWorklist(work, List.of(
                "(0008,0050) SH [" + accession + "]", "(0008,0090) PN", "(0010,0010) PN", "(0010,0030) DA",
                "(0010,0040) CS", "(0040,0100) SQ", "(fffe,e000) -", "(0008,0060) CS [CT]", "(0040,0001) AE",
                "(0040,0002) DA", "(fffe,e00d) -", "(fffe,e0dd) -"), "CT9", "127.0.0.1", dicom.port());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getString(Tags.PatientName)).isEqualTo("Walker^Wanda^Q");
        assertThat(found.get(0).getString(Tags.PatientBirthDate)).isEqualTo("19800517");
        assertThat(found.get(0).getString(Tags.PatientSex)).isEqualTo("F");
        assertThat(found.get(0).getString(Tags.ReferringPhysicianName)).isEqualTo("SMITH^JOHN");
    }

    /** Defect 15: an order the placer gave no start is on no worklist yet, and interface health says so. */
    @Test
    void anOrderWithoutARequestedStartRaisesAnAlertUntilItIsScheduled() throws Exception {
        String id = unique();
        assertThat(send(message("ORM^O01", "XA-" + id, "PID|1||P-" + id + "^^^HOSP||Late^Lou",
                "ORC|NW|PX-" + id, "OBR|1|PX-" + id + "||XAHEART^Angio^LOCAL||||||||||||||||||||XA")))
                .contains("MSA|AA|XA-" + id);
        JsonNode alert = Eventually.eventually(() -> TestApi.client(port).get().uri("/api/interfaces/health")
                        .retrieve().body(JsonNode.class).get("alerts"),
                alerts -> alerts.findValuesAsText("kind").contains("ORDERS_NOT_SCHEDULED"));
        assertThat(alert.toString()).contains("\"subject\":\"XA\"").contains("no modality worklist");
    }

    /** Defect 2: every OBR is a requested procedure; two that cannot be told apart are refused whole. */
    @Test
    void everyObrIsAnOrderOrTheMessageIsRefusedWhole() throws Exception {
        String id = unique();
        List<String> two = send(message("ORM^O01", "TWO-" + id, "PID|1||P-" + id + "^^^HOSP||Two^Tom",
                "ORC|NW|PO-" + id + "|||||^^^202612071100^^R",
                "OBR|1|PO-" + id + "A||CTCHEST^CT chest^LOCAL||||||||||||||A" + id + "||||||CT",
                "OBR|2|PO-" + id + "B||CTABD^CT abdomen^LOCAL||||||||||||||B" + id + "||||||CT"));
        assertThat(two).contains("MSA|AA|TWO-" + id);
        assertThat(worklistItem("A" + id).get("procedureCode").asText()).isEqualTo("CTCHEST");
        assertThat(worklistItem("B" + id).get("procedureCode").asText()).isEqualTo("CTABD");

        String third = unique();
        List<String> heldBySecond = send(message("ORM^O01", "HELD-" + third, "PID|1||P-" + third + "^^^HOSP||Held^Hy",
                "ORC|NW|PO-" + third + "|||||^^^202612071100^^R",
                "OBR|1|PO-" + third + "A||CTCHEST^CT chest^LOCAL||||||||||||||C" + third + "||||||CT",
                "OBR|2|PO-" + third + "B||CTABD^CT abdomen^LOCAL||||||||||||||a" + id + "||||||CT"));
        assertThat(heldBySecond).contains("MSA|AE|HELD-" + third);
        assertThat(heldBySecond).as("the second OBR's accession, held by another order (compared normalised)")
                .anyMatch(segment -> segment.startsWith("ERR||OBR^2^18|205^"));
        assertThat(eventsOf(orderId("PO-" + third + "A"))).isZero();

        String other = unique();
        List<String> ambiguous = send(message("ORM^O01", "AMB-" + other, "PID|1||P-" + other + "^^^HOSP||Amb^Al",
                "ORC|NW|PO-" + other, ctOrder("", "A" + other), ctOrder("", "B" + other).replace("OBR|1", "OBR|2")));
        assertThat(ambiguous).contains("MSA|AE|AMB-" + other);
        assertThat(ambiguous).anyMatch(segment -> segment.startsWith("ERR||OBR^2^2|205^"));
        assertThat(eventsOf(orderId("PO-" + other))).isZero();
        assertThat(eventsOf("P-" + other + "^^^HOSP")).isZero();
        assertThat(recordedMessages("AMB-" + other)).isZero();
    }

    /** Defect 3: a merged-away identity gets no new orders; the refusal names the survivor. */
    @Test
    void anOrderForAMergedAwayPatientIsRefusedNamingTheSurvivor() throws Exception {
        String id = unique();
        assertThat(send(message("ADT^A04^ADT_A01", "R1-" + id, "PID|1||S-" + id + "^^^HOSP||Stay^Sue")))
                .contains("MSA|AA|R1-" + id);
        assertThat(send(message("ADT^A04^ADT_A01", "R2-" + id, "PID|1||M-" + id + "^^^HOSP||Stay^Sue")))
                .contains("MSA|AA|R2-" + id);
        assertThat(send(message("ADT^A40^ADT_A39", "MRG-" + id, "PID|1||S-" + id + "^^^HOSP||Stay^Sue",
                "MRG|M-" + id + "^^^HOSP"))).contains("MSA|AA|MRG-" + id);

        List<String> refused = send(message("ORM^O01", "NW-" + id, "PID|1||M-" + id + "^^^HOSP||Stay^Sue",
                "ORC|NW|PO-" + id, ctOrder("PO-" + id, "")));
        assertThat(refused).contains("MSA|AE|NW-" + id);
        assertThat(refused).anyMatch(segment -> segment.startsWith("ERR||PID^1^3|204^")
                && segment.contains("|PATIENT_MERGED|") && segment.contains("merged into S-" + id));
        assertThat(eventsOf(orderId("PO-" + id))).isZero();
    }

    /** Defect 4: a used control id with other content is refused and alerted; the same content gets its first ACK. */
    @Test
    void aControlIdUsedAgainForOtherContentIsRefusedAndAlerted() throws Exception {
        String id = unique();
        String first = message("ADT^A04^ADT_A01", "CID-" + id, "PID|1||F-" + id + "^^^HOSP||First^Fay");
        List<String> accepted = send(first);
        assertThat(accepted).contains("MSA|AA|CID-" + id);
        assertThat(send(first.replace("20261207080000", "20261207080500"))).as("re-delivered, stamped anew")
                .isEqualTo(accepted);

        List<String> reused = send(message("ADT^A04^ADT_A01", "CID-" + id, "PID|1||G-" + id
                + "^^^HOSP||Second^Sam"));
        assertThat(reused).contains("MSA|AE|CID-" + id);
        assertThat(reused).anyMatch(segment -> segment.startsWith("ERR||MSH^1^10|205^"));
        assertThat(eventsOf("G-" + id + "^^^HOSP")).isZero();
        JsonNode health = TestApi.client(port).get().uri("/api/interfaces/health").retrieve()
                .body(JsonNode.class);
        assertThat(health.get("alerts").findValuesAsText("kind")).contains("HL7_CONTROL_ID_REUSED");
    }

    /** Defect 5: a NW re-sent with other content is refused and changes nothing; the same NW again is accepted. */
    @Test
    void aNewOrderReSentWithOtherContentIsRefusedAndTheOrderStaysAsItWas() throws Exception {
        String id = unique();
        String pid = "PID|1||P-" + id + "^^^HOSP||Same^Sid";
        String original = message("ORM^O01", "O1-" + id, pid, "ORC|NW|PO-" + id + "|||||^^^202612071200^^R",
                ctOrder("PO-" + id, "N" + id));
        assertThat(send(original)).contains("MSA|AA|O1-" + id);
        assertThat(send(original.replace("O1-" + id, "O2-" + id))).contains("MSA|AA|O2-" + id);

        String changed = message("ORM^O01", "O3-" + id, pid, "ORC|NW|PO-" + id + "|||||^^^202612071300^^S",
                "OBR|1|PO-" + id + "||MRHEAD^MR head^LOCAL||||||||||||||N" + id + "||||||MR");
        List<String> refused = send(changed);
        assertThat(refused).contains("MSA|AE|O3-" + id);
        assertThat(refused).as("at the placer order number's field: OBR-2, which gave it")
                .anyMatch(segment -> segment.startsWith("ERR||OBR^1^2|205^") && segment.contains("|ORDER_CONFLICT|"));
        List<OrderPlacedEvent> placed = eventStore.readEvents(orderId("PO-" + id)).asStream()
                .map(DomainEventMessage::getPayload).filter(OrderPlacedEvent.class::isInstance)
                .map(OrderPlacedEvent.class::cast).toList();
        assertThat(placed).hasSize(1);
        assertThat(placed.get(0).procedure().code()).isEqualTo("CTCHEST");
        assertThat(eventsOf(orderId("PO-" + id))).as("placed, accession, scheduled: no reschedule").isEqualTo(3);
    }

    /** Defect 6: a start block inside an unfinished frame discards it; the complete message after it is processed. */
    @Test
    void anUnterminatedFrameDoesNotSwallowTheNextMessage() throws Exception {
        String id = unique();
        String lost = message("ADT^A04^ADT_A01", "CUT-" + id, "PID|1||C-" + id + "^^^HOSP||Cut^Carl");
        String whole = message("ADT^A04^ADT_A01", "WHOLE-" + id, "PID|1||H-" + id + "^^^HOSP||Whole^Hal");
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("\u000b" + lost).getBytes(StandardCharsets.US_ASCII));
            out.write(frame(whole, StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readReply(socket, StandardCharsets.US_ASCII)).contains("MSA|AA|WHOLE-" + id);
        }
        assertThat(eventsOf("H-" + id + "^^^HOSP")).isEqualTo(1);
        assertThat(eventsOf("C-" + id + "^^^HOSP")).isZero();
    }

    /** Defect 7: two messages in one frame without a batch header are refused whole. */
    @Test
    void twoMessagesInOneFrameAreRefusedWhole() throws Exception {
        String id = unique();
        String both = message("ADT^A04^ADT_A01", "ONE-" + id, "PID|1||O-" + id + "^^^HOSP||One^Olive")
                + message("ADT^A04^ADT_A01", "TWO-" + id, "PID|1||T-" + id + "^^^HOSP||Two^Tina");
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            String ack = exchange(socket, both, StandardCharsets.US_ASCII);
            assertThat(ack).contains("MSA|AR|ONE-" + id).contains("ERR||MSH^2^1|100^");
        }
        assertThat(eventsOf("O-" + id + "^^^HOSP")).isZero();
        assertThat(eventsOf("T-" + id + "^^^HOSP")).isZero();
    }

    /**
     * Defect 8: a refusal met after the first commands ran (a study UID another order holds) rolls
     * back the order and its accession, so the corrected re-send with the same accession is accepted.
     */
    @Test
    void aRefusalLeavesNothingBehindSoTheCorrectedReSendIsAccepted() throws Exception {
        String id = unique();
        String studyUid = "1.2.826.0.1.3680043.10.2." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        assertThat(send(omi("HOLD-" + id, "PH-" + id, "H" + id, studyUid))).contains("MSA|AA|HOLD-" + id);

        List<String> refused = send(omi("TAKE-" + id, "PT-" + id, "T" + id, studyUid));
        assertThat(refused).contains("MSA|AE|TAKE-" + id);
        assertThat(refused).anyMatch(segment -> segment.startsWith("ERR||IPC^1^3|205^"));
        assertThat(eventsOf(orderId("PT-" + id))).isZero();
        assertThat(eventsOf("P-T" + id + "^^^HOSP")).as("the patient the refused order named").isZero();
        assertThat(recordedMessages("TAKE-" + id)).isZero();

        String corrected = studyUid + ".1";
        assertThat(send(omi("TAKE2-" + id, "PT-" + id, "T" + id, corrected))).contains("MSA|AA|TAKE2-" + id);
        assertThat(worklistItem("T" + id).get("studyInstanceUid").asText()).isEqualTo(corrected);
    }

    private static String omi(String controlId, String placer, String accession, String studyUid) {
        return message("OMI^O23^OMI_O23", controlId, "PID|1||P-" + accession + "^^^HOSP||Omi^Olga",
                "ORC|NW|" + placer, "TQ1|1||||||202612071000||R", "OBR|1|" + placer + "||MRKNEE^MR knee^LOCAL",
                "IPC|" + accession + "||" + studyUid + "||MR||||MR7");
    }

    /** Defects 10, 11, 12, 14: escapes decoded and safe in DICOM, dates refused at their field, a BOM tolerated. */
    @Test
    void escapesDatesAndLeadingNoiseAreHandledAtTheRightField() throws Exception {
        String id = unique();
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            String isoBirth = exchange(socket, message("ADT^A04^ADT_A01", "D1-" + id, "PID|1||D-" + id
                    + "^^^HOSP||Date^Dan||1980-05-17"), StandardCharsets.US_ASCII);
            assertThat(isoBirth).contains("MSA|AE|D1-" + id).contains("ERR||PID^1^7|102^");
            String isoStart = exchange(socket, message("ORM^O01", "D2-" + id, "PID|1||D-" + id + "^^^HOSP||Date^Dan",
                    "ORC|NW|PD-" + id + "|||||^^^2026-12-07T10:30^^R", ctOrder("PD-" + id, "")),
                    StandardCharsets.US_ASCII);
            assertThat(isoStart).contains("MSA|AE|D2-" + id).contains("ERR||ORC^1^7^1^4|102^");
            String withBom = exchange(socket, "\uFEFF\r\n" + message("ADT^A04^ADT_A01", "B1-" + id, "PID|1||E-" + id
                    + "^^^HOSP||O\\S\\Neil\\E\\Smith^Ann\\H\\Marie\\N\\"), StandardCharsets.UTF_8);
            assertThat(withBom).contains("MSA|AA|B1-" + id);
        }
        assertThat(eventsOf("D-" + id + "^^^HOSP")).isZero();
        assertThat(eventsOf(orderId("PD-" + id))).isZero();

        String accession = "E" + id;
        assertThat(send(message("ORM^O01", "E2-" + id, "PID|1||E-" + id + "^^^HOSP",
                "ORC|NW|PE-" + id + "|||||^^^202612071400^^R",
                "OBR|1|PE-" + id + "||CTCHEST^CT\\E\\chest^LOCAL||||||||||||||" + accession + "||||||CT")))
                .contains("MSA|AA|E2-" + id);
        worklistItem(accession);
        List<Attributes> found = DcmtkTools.findWorklist(work, List.of("(0008,0050) SH [" + accession + "]",
                "(0010,0010) PN", "(0032,1060) LO", "(0040,0100) SQ", "(fffe,e000) -", "(0008,0060) CS",
                "(fffe,e00d) -", "(fffe,e0dd) -"), "CT9", "127.0.0.1", dicom.port());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getStrings(Tags.PatientName)).as("one value, no stray separators")
                .containsExactly("O Neil Smith^AnnMarie");
        assertThat(found.get(0).getStrings(Tags.RequestedProcedureDescription)).as("a decoded backslash splits nothing")
                .containsExactly("CT chest");
    }

    /** The breadth of an EHR feed: every ADT event acknowledged, those that change what we hold applied. */
    @Test
    void aWholeAdtFeedIsAcknowledgedAndAppliedWhereItChangesWhatTheRisHolds() throws Exception {
        String id = unique();
        String patient = "F-" + id + "^^^HOSP";
        assertThat(send(message("ADT^A28^ADT_A05", "F1-" + id, "EVN|A28", "PID|1||" + patient + "||Feed^Fred")))
                .contains("MSA|AA|F1-" + id);
        assertThat(send(message("ADT^A02^ADT_A02", "F2-" + id, "EVN|A02", "PID|1||" + patient
                + "||Feed-Smith^Fred", "PV1|1|I|W2^3^B"))).contains("MSA|AA|F2-" + id);
        assertThat(send(message("ADT^A03^ADT_A03", "F3-" + id, "EVN|A03", "PID|1||" + patient, "PV1|1|I")))
                .contains("MSA|AA|F3-" + id);
        assertThat(send(message("ADT^A14^ADT_A05", "F4-" + id, "EVN|A14", "PID|1||" + patient
                + "||Feed^Fred"))).as("pending admit: nothing to do").contains("MSA|AA|F4-" + id);
        assertThat(eventStore.readEvents(patient).asStream().map(DomainEventMessage::getPayload)
                .map(event -> event.getClass().getSimpleName()).toList())
                .containsExactly("PatientRegisteredEvent", "PatientDemographicsUpdatedEvent");

        String corrected = "G-" + id + "^^^HOSP";
        assertThat(send(message("ADT^A47^ADT_A30", "F5-" + id, "EVN|A47", "PID|1||" + corrected
                + "||Feed-Smith^Fred", "MRG|" + patient))).contains("MSA|AA|F5-" + id);
        assertThat(Eventually.event(eventStore, patient, PatientsMergedEvent.class).survivor().toString())
                .isEqualTo(corrected);
    }

    /** Versions 2.6 to 2.8, table 0211's ISO 8859 family, and ORC-1 DC. */
    @Test
    void laterVersionsOtherCharacterSetsAndDiscontinuationAreUnderstood() throws Exception {
        String id = unique();
        String latin2 = MSH + "ORM^O01|V8-" + id + "|P|2.8||||||8859/2\r"
                + "PID|1||L-" + id + "^^^HOSP||Łukasiewicz^Jan\rORC|NW|PV-" + id + "|||||^^^202612071500^^R\r"
                + ctOrder("PV-" + id, "") + "\r";
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            assertThat(exchange(socket, latin2, java.nio.charset.Charset.forName("ISO-8859-2")))
                    .contains("MSA|AA|V8-" + id);
        }
        assertThat(eventStore.readEvents("L-" + id + "^^^HOSP").asStream().map(DomainEventMessage::getPayload)
                .filter(PatientRegisteredEvent.class::isInstance).map(PatientRegisteredEvent.class::cast)
                .findFirst().orElseThrow().demographics().name().family()).isEqualTo("Łukasiewicz");

        assertThat(send(message("ORM^O01", "DC-" + id, "ORC|DC|PV-" + id + "||||||||||||||^Patient declined")))
                .contains("MSA|AA|DC-" + id);
        assertThat(Eventually.event(eventStore, orderId("PV-" + id), OrderCancelledEvent.class).reason())
                .isEqualTo("Patient declined");
    }

    /** A batch in one frame: each message processed on its own, one acknowledgement each, in a batch. */
    @Test
    void aBatchIsAnsweredMessageByMessage() throws Exception {
        String id = unique();
        String batch = "FHS|^~\\&|EPIC|HOSP\rBHS|^~\\&|EPIC|HOSP\r"
                + message("ADT^A04^ADT_A01", "BA1-" + id, "PID|1||BA-" + id + "^^^HOSP||Batch^Bea")
                + message("ADT^A04^ADT_A01", "BA2-" + id, "PID|1||BB-" + id + "^^^HOSP||Batch^Ben||1980-01-01")
                + message("ADT^A04^ADT_A01", "BA3-" + id, "PID|1||BC-" + id + "^^^HOSP||Batch^Bo")
                + "BTS|3\rFTS|1\r";
        try (Socket socket = new Socket("127.0.0.1", hl7.port())) {
            String answer = exchange(socket, batch, StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("FHS|").contains("\rBHS|").endsWith("BTS|3\rFTS|1\r");
            assertThat(answer.indexOf("MSA|AA|BA1-" + id)).isPositive()
                    .isLessThan(answer.indexOf("MSA|AE|BA2-" + id));
            assertThat(answer.indexOf("MSA|AE|BA2-" + id)).isLessThan(answer.indexOf("MSA|AA|BA3-" + id));
        }
        assertThat(eventsOf("BA-" + id + "^^^HOSP")).isEqualTo(1);
        assertThat(eventsOf("BB-" + id + "^^^HOSP")).isZero();
        assertThat(eventsOf("BC-" + id + "^^^HOSP")).isEqualTo(1);
    }
}
