package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.DcmjsScripts.dcmjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.rispacs.app.support.MllpTestClient;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.PackagedApplication;
import org.rispacs.dicom.data.Attributes;

/**
 * The department's real peers around the packaged application: the EHR (Debian's mllp_send, or
 * a raw MLLP socket), the modality (dcmtk's dump2dcm, storescu and findscu; dcmjs-dimse for MPPS
 * and storage commitment) and a REST client that also sees answers other than 200.
 */
final class DepartmentPeers {

    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PackagedApplication app;
    private final Path work;

    DepartmentPeers(PackagedApplication app, Path work) {
        this.app = app;
        this.work = work;
    }

    /** One message through Debian's mllp_send; our acknowledgement as text. */
    String mllpSend(String message) throws Exception {
        Path mllpSend = Path.of("/usr/bin/mllp_send");
        assertThat(mllpSend).as("mllp_send from Debian's python3-hl7 (CI installs it)").isExecutable();
        Path file = work.resolve("hl7-" + UUID.randomUUID() + ".hl7");
        Files.write(file, frame(message));
        Process process = new ProcessBuilder(mllpSend.toString(), "--port", String.valueOf(app.hl7Port()), "--file",
                file.toString(), "127.0.0.1").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mllp_send finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Sends and requires MSA|AA. */
    void accepted(String message) throws Exception {
        String controlId = message.split("\r")[0].split("\\|")[9];
        assertThat(mllpSend(message)).as("ACK of " + controlId).contains("MSA|AA|" + controlId);
    }

    static byte[] frame(String text) {
        return MllpTestClient.frame(text, StandardCharsets.UTF_8);
    }

    /** One message and its acknowledgement over an open MLLP connection. */
    static String exchange(Socket socket, String message) throws IOException {
        return MllpTestClient.exchange(socket, message, StandardCharsets.UTF_8);
    }

    static String adtA04(String controlId, String patientId, String family, String given) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261201080000",
                "PID|1||" + patientId + "^^^HOSP||" + family + "^" + given + "||19700101|F") + "\r";
    }

    /** A40: {@code merged} merged into {@code survivor}. */
    static String adtA40(String controlId, String survivor, String family, String given, String merged) {
        return String.join("\r", msh("ADT^A40^ADT_A39", controlId), "EVN|A40|20261201080000",
                "PID|1||" + survivor + "^^^HOSP||" + family + "^" + given, "MRG|" + merged + "^^^HOSP") + "\r";
    }

    /** A new order, scheduled at the start given (yyyyMMddHHmm) on the modality's station. */
    static String ormNew(String controlId, String patientId, String placer, String procedure, String modality,
                         String start) {
        return String.join("\r", msh("ORM^O01^ORM_O01", controlId), "PID|1||" + patientId + "^^^HOSP",
                "ORC|NW|" + placer + "|||||||||||||||", "TQ1|1||||||" + start + "||R",
                "OBR|1|" + placer + "||" + procedure + "^" + procedure + " exam^LOCAL||||||||||||||||||||"
                        + modality) + "\r";
    }

    static String ormCancel(String controlId, String placer) {
        return String.join("\r", msh("ORM^O01^ORM_O01", controlId),
                "ORC|CA|" + placer + "||||||||||||||^Cancelled by the ward") + "\r";
    }

    private static String msh(String type, String controlId) {
        return "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20261201080000||" + type + "|" + controlId + "|P|2.5.1";
    }

    /** findscu -W for one patient id; the items findscu extracted. */
    List<Attributes> worklist(String patientId) throws Exception {
        return DcmtkTools.findWorklist(work, List.of("(0008,0050) SH", "(0010,0010) PN",
                "(0010,0020) LO [" + patientId + "]", "(0020,000d) UI", "(0040,1001) SH", "(0040,0100) SQ",
                "(fffe,e000) -", "(0008,0060) CS", "(0040,0001) AE", "(0040,0009) SH", "(fffe,e00d) -",
                "(fffe,e0dd) -"), "CT1", "127.0.0.1", app.dicomPort());
    }

    /** A small CT image made by dump2dcm. */
    Path ctImage(String sop, String study, String series, String accession, String patientId, String patientName)
            throws Exception {
        Path dump = work.resolve(sop + ".dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI =CTImageStorage", "(0008,0018) UI [" + sop + "]",
                "(0008,0050) SH [" + accession + "]", "(0008,0060) CS [CT]", "(0010,0010) PN [" + patientName + "]",
                "(0010,0020) LO [" + patientId + "]", "(0020,000d) UI [" + study + "]",
                "(0020,000e) UI [" + series + "]", "(0028,0010) US 2", "(0028,0011) US 2",
                "(7fe0,0010) OW 0001\\0002\\0003\\0004", ""));
        Path file = work.resolve(sop + ".dcm");
        DcmtkTools.run("dump2dcm", dump.toString(), file.toString());
        return file;
    }

    /** storescu -v; requires a success status for every file. */
    void store(String callingAeTitle, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-aet", callingAeTitle, "-aec", "RISPACS",
                "127.0.0.1", String.valueOf(app.dicomPort())));
        files.forEach(file -> command.add(file.toString()));
        String output = DcmtkTools.run(command.toArray(String[]::new));
        assertThat(output.lines().filter(line -> line.contains("Received Store Response (Success)")).count())
                .as(output).isEqualTo(files.size());
    }

    /** One MPPS N-CREATE or N-SET from dcmjs-dimse; its response ({@code status}, {@code errorComment}). */
    JsonNode mpps(String operation, String uid, Map<String, Object> dataset) throws Exception {
        List<JsonNode> lines = dcmjs("mpps.js", "127.0.0.1", String.valueOf(app.dicomPort()), "CT1", "RISPACS",
                operation, uid, JSON.writeValueAsString(dataset));
        return lines.stream().filter(line -> line.has("status")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no MPPS response: " + lines));
    }

    /** Storage commitment of CT images from dcmjs-dimse; the N-EVENT-REPORT that comes back on the association. */
    JsonNode commit(List<String> sopInstanceUids) throws Exception {
        List<Map<String, String>> references = sopInstanceUids.stream()
                .map(uid -> Map.of("ReferencedSOPClassUID", CT_IMAGE, "ReferencedSOPInstanceUID", uid)).toList();
        String action = JSON.writeValueAsString(Map.of("TransactionUID", uid(), "ReferencedSOPSequence", references));
        List<JsonNode> lines = dcmjs("commitment.js", "request", "127.0.0.1", String.valueOf(app.dicomPort()), "CT1",
                "RISPACS", "20000", action);
        return lines.stream().filter(line -> line.has("report")).findFirst()
                .orElseThrow(() -> new AssertionError("no commitment report on the association: " + lines))
                .get("report");
    }

    /** GET with the integration account, answered as it came (any status). */
    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return app.get(pathAndQuery);
    }

    /** The event types of an aggregate in the event store (empty when it has none). */
    List<String> eventTypes(String aggregateId) throws Exception {
        HttpResponse<String> answer = get("/api/audit/aggregates/" + aggregateId);
        if (answer.statusCode() == 404) {
            return List.of();
        }
        assertThat(answer.statusCode()).as("history of " + aggregateId + ": " + answer.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        JSON.readTree(answer.body()).get("events").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    /**
     * An index prefix of its own for each run: the event store schema is new every run, so read
     * models left in the test node by an earlier run would answer with orders this one never placed.
     */
    static String indexPrefix(String test) {
        return test + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    static String uid() {
        return "2.25." + new BigInteger(UUID.randomUUID().toString().replace("-", ""), 16);
    }
}
