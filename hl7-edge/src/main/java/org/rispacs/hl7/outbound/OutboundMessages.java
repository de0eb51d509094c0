package org.rispacs.hl7.outbound;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.ResultStatus;

/**
 * Writes the messages we originate, version 2.5.1, UTF-8: ORU^R01 for a report version and
 * DFT^P03 for a captured charge. Text is escaped here, so any report text survives the trip.
 */
public final class OutboundMessages {

    static final String VERSION = "2.5.1";
    static final String CHARACTER_SET = "UNICODE UTF-8";
    /** LOINC "Radiology Study observation (narrative)": what OBX-3 of every report line names. */
    static final String REPORT_OBSERVATION = "18782-3^Radiology Study observation^LN";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    private final String application;
    private final String facility;
    private final Clock clock;

    /**
     * @param application our MSH-3
     * @param facility    our MSH-4
     */
    public OutboundMessages(String application, String facility, Clock clock) {
        this.application = application;
        this.facility = facility;
        this.clock = clock;
    }

    /** An ORU^R01 with one OBX (TX) per line of the report text. */
    public String reportResult(ReportResult report, OutboundDestination to, String controlId) {
        String status = report.status() == ResultStatus.CORRECTED ? "C" : "F";
        String signedAt = timestamp(report.signedAt());
        StringBuilder message = new StringBuilder();
        header(message, to, "ORU^R01^ORU_R01", controlId);
        patient(message, report.patient(), report.patientName());
        segment(message, "ORC", "RE", escape(report.placerOrderNumber()), escape(report.accessionNumber()), "",
                "CM");
        segment(message, "OBR", "1", escape(report.placerOrderNumber()), escape(report.accessionNumber()),
                coded(report.procedure()), "", "", "", "", "", "", "", "", "", "", "", "", "",
                escape(report.accessionNumber()), "", "", "", signedAt, "", "", status, "", "", "", "", "", "",
                signerAsInterpreter(report.signer()));
        List<String> lines = report.text().isEmpty() ? List.of("") : report.text();
        for (int i = 0; i < lines.size(); i++) {
            segment(message, "OBX", Integer.toString(i + 1), "TX", REPORT_OBSERVATION, Integer.toString(i + 1),
                    escape(lines.get(i)), "", "", "", "", "", status, "", "", signedAt, "", signer(report.signer()));
        }
        return message.toString();
    }

    /** A DFT^P03 with one FT1 charging the performed procedure once. */
    public String charge(ChargeDetails charge, OutboundDestination to, String controlId) {
        String capturedAt = timestamp(charge.capturedAt());
        StringBuilder message = new StringBuilder();
        header(message, to, "DFT^P03^DFT_P03", controlId);
        segment(message, "EVN", "P03", capturedAt);
        patient(message, charge.patient(), charge.patientName());
        segment(message, "PV1", "1", "O");
        segment(message, "FT1", "1", escape(charge.chargeId()), "", capturedAt, capturedAt, "CG",
                coded(charge.procedure()), escape(charge.procedure().meaning()), "", "1", "", "", "", "", "", "", "",
                "", "", "", "", "", escape(charge.accessionNumber()) + "^" + escape(application), "",
                coded(charge.procedure()));
        segment(message, "ORC", "RE", escape(charge.placerOrderNumber()), escape(charge.accessionNumber()));
        return message.toString();
    }

    private void header(StringBuilder message, OutboundDestination to, String type, String controlId) {
        message.append("MSH|^~\\&");
        message.append('|').append(escape(application)).append('|').append(escape(facility))
                .append('|').append(escape(to.receivingApplication())).append('|')
                .append(escape(to.receivingFacility()))
                .append('|').append(timestamp(clock.instant())).append("||").append(type)
                .append('|').append(escape(controlId)).append("|P|").append(VERSION)
                .append("||||||").append(CHARACTER_SET).append('\r');
    }

    private static void patient(StringBuilder message, PatientIdentifier patient, PersonName name) {
        segment(message, "PID", "1", "", escape(patient.id()) + "^^^" + escape(patient.issuer()), "",
                name == null ? "" : String.join("^", escape(name.family()), escape(name.given()),
                        escape(name.middle()), escape(name.suffix()), escape(name.prefix())));
    }

    private static void segment(StringBuilder message, String name, String... fields) {
        message.append(name);
        int last = fields.length;
        while (last > 0 && fields[last - 1].isEmpty()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            message.append('|').append(fields[i]);
        }
        message.append('\r');
    }

    private static String coded(ProcedureCode code) {
        return escape(code.code()) + "^" + escape(code.meaning()) + "^" + escape(code.codingScheme());
    }

    /** OBX-16 (XCN): id^name, the name kept whole as the family component since we hold it unsplit. */
    private static String signer(Actor signer) {
        return signer == null ? "" : escape(signer.id()) + "^" + escape(signer.name());
    }

    /** OBR-32 (NDL): its first component is a CNN, whose parts are subcomponents. */
    private static String signerAsInterpreter(Actor signer) {
        return signer == null ? "" : escape(signer.id()) + "&" + escape(signer.name());
    }

    private String timestamp(Instant instant) {
        return instant == null ? "" : ZonedDateTime.ofInstant(instant, clock.getZone()).format(TIMESTAMP);
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\E\\");
                case '|' -> escaped.append("\\F\\");
                case '^' -> escaped.append("\\S\\");
                case '&' -> escaped.append("\\T\\");
                case '~' -> escaped.append("\\R\\");
                case '\r', '\n' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
