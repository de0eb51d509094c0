package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.rispacs.app.support.MllpTestClient;

/**
 * The EHR's outbound HL7 feed into the RIS, sent by Debian's {@code mllp_send} (python3-hl7), a
 * client that shares no code with ours: ADT^A04 registrations and ORM^O01 new orders.
 */
final class EhrFeed {

    private static final Path MLLP_SEND = Path.of("/usr/bin/mllp_send");

    private final int port;
    private final Path work;

    EhrFeed(int port, Path work) {
        this.port = port;
        this.work = work;
    }

    /** A patient as the EHR knows them. */
    record Patient(String id, String family, String given, String birthDate, String sex) {

        String pid() {
            return "PID|1||" + id + "^^^HOSP^MR||" + family + "^" + given + "||" + birthDate + "|" + sex;
        }
    }

    /** A new CT order: placer order number, procedure, requested start (yyyyMMddHHmm), optional placer accession. */
    record Order(String placerOrderNumber, String procedureCode, String procedureText, String requestedStart,
                 String placerAccession) {
    }

    /** ADT^A04; returns the acknowledgement as mllp_send printed it. */
    String register(Patient patient) throws Exception {
        return send(String.join("\r", header("ADT^A04^ADT_A01", null), "EVN|A04|20261130080000", patient.pid(),
                "PV1|1|O"), StandardCharsets.UTF_8);
    }

    /** ORM^O01 NW for a CT, scheduled for the requested start. */
    String order(Patient patient, Order order) throws Exception {
        return order(patient, order, null, StandardCharsets.UTF_8);
    }

    /** ORM^O01 NW encoded in the character set named by MSH-18 ({@code 8859/1}, ...; null: UTF-8 by default). */
    String order(Patient patient, Order order, String msh18, Charset encoding) throws Exception {
        String accession = order.placerAccession() == null ? "" : order.placerAccession();
        return send(String.join("\r", header("ORM^O01^ORM_O01", msh18), patient.pid(), "PV1|1|O",
                "ORC|NW|" + order.placerOrderNumber() + "|||||^^^" + order.requestedStart() + "^^R||||||"
                        + "1234^Referrer^Rhea",
                "OBR|1|" + order.placerOrderNumber() + "||" + order.procedureCode() + "^" + order.procedureText()
                        + "^LOCAL||||||||||||||" + accession + "||||||CT|||||||Follow-up"), encoding);
    }

    private static String header(String type, String msh18) {
        return "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20261130080000||" + type + "|" + controlId() + "|P|2.5.1"
                + (msh18 == null ? "" : "||||||" + msh18);
    }

    private static String controlId() {
        return "D" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    }

    /** Frames the message as MLLP in the file mllp_send reads, sends it, and returns what it printed. */
    private String send(String message, Charset encoding) throws Exception {
        assertThat(MLLP_SEND).as("mllp_send from Debian's python3-hl7 (CI installs it)").isExecutable();
        Path file = work.resolve("msg-" + UUID.randomUUID() + ".hl7");
        Files.write(file, MllpTestClient.frame(message + "\r", encoding));
        Process process = new ProcessBuilder(MLLP_SEND.toString(), "--port", String.valueOf(port), "--file",
                file.toString(), "127.0.0.1").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mllp_send finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
