package org.rispacs.hl7.outbound;

import static org.rispacs.hl7.message.Hl7Escapes.escape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.Visit;

/**
 * Writes the messages we originate, version 2.5.1, UTF-8: ORU^R01 for a report version and
 * DFT^P03 for a captured charge. Text is escaped here, so any report text survives the trip; what
 * the placer sent with the order (placer namespace, ordering provider, OBR-24, visit, diagnosis)
 * goes back as it came, so that the receiver files the message under its own order and encounter.
 */
public final class OutboundMessages {

    static final String VERSION = "2.5.1";
    static final String CHARACTER_SET = "UNICODE UTF-8";
    /** LOINC "Radiology Study observation (narrative)": what OBX-3 of every report line names. */
    static final String REPORT_OBSERVATION = "18782-3^Radiology Study observation^LN";
    /** NTE-4 of the note that carries a charge's full id (a local code: table 0364 is user-defined). */
    static final String CHARGE_ID_NOTE = "CHARGEID^RIS charge id^L";
    /** FT1-2 is an ST of at most 12 characters in 2.5.1. */
    static final int TRANSACTION_ID_LENGTH = 12;
    /** Crockford's base 32: digits and upper-case letters without I, L, O, U, so it reads back unambiguously. */
    private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
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
        String status = switch (report.status()) {
            case PRELIMINARY -> "P";
            case CORRECTED -> "C";
            case FINAL -> "F";
        };
        String signedAt = timestamp(report.signedAt());
        String placerOrder = entity(report.placerOrderNumber(), report.placerNamespace());
        String orderingProvider = xcn(report.orderingProvider());
        Provider signer = signer(report.signer());
        StringBuilder message = new StringBuilder();
        header(message, to, "ORU^R01^ORU_R01", controlId);
        patient(message, report.patient(), report.patientName());
        visit(message, report.visit(), "U");
        new Segment("ORC").set(1, "RE").set(2, placerOrder).set(3, escape(report.accessionNumber())).set(5, "CM")
                .set(12, orderingProvider).appendTo(message);
        new Segment("OBR").set(1, "1").set(2, placerOrder).set(3, escape(report.accessionNumber()))
                .set(4, coded(report.procedure()))
                .set(7, timestamp(report.observedAt() != null ? report.observedAt() : report.signedAt()))
                .set(16, orderingProvider).set(18, escape(report.accessionNumber())).set(22, signedAt)
                .set(24, escape(report.serviceSection())).set(25, status).set(32, cnn(signer))
                .appendTo(message);
        List<String> lines = report.text().isEmpty() ? List.of("") : report.text();
        for (int i = 0; i < lines.size(); i++) {
            new Segment("OBX").set(1, Integer.toString(i + 1)).set(2, "TX").set(3, REPORT_OBSERVATION)
                    .set(4, Integer.toString(i + 1)).set(5, escape(lines.get(i))).set(11, status).set(14, signedAt)
                    .set(16, xcn(signer)).appendTo(message);
        }
        return message.toString();
    }

    /**
     * A DFT^P03 with one FT1 charging the performed procedure once, followed by an NTE that
     * carries the charge's full id (FT1-2 holds only 12 characters, see {@link #transactionId}).
     */
    public String charge(ChargeDetails charge, OutboundDestination to, String controlId) {
        String capturedAt = timestamp(charge.capturedAt());
        String placerOrder = entity(charge.placerOrderNumber(), charge.placerNamespace());
        StringBuilder message = new StringBuilder();
        header(message, to, "DFT^P03^DFT_P03", controlId);
        new Segment("EVN").set(1, "P03").set(2, capturedAt).appendTo(message);
        patient(message, charge.patient(), charge.patientName());
        visit(message, charge.visit(), "O");
        new Segment("FT1").set(1, "1").set(2, transactionId(charge.chargeId())).set(4, capturedAt)
                .set(5, capturedAt).set(6, "CG").set(7, coded(charge.procedure()))
                .set(8, escape(charge.procedure().meaning())).set(10, "1")
                .set(16, location(charge.visit())).set(19, coded(charge.diagnosis()))
                .set(20, xcn(charge.performedBy())).set(21, xcn(charge.orderingProvider()))
                .set(23, escape(charge.accessionNumber()) + "^" + escape(application))
                .set(25, coded(charge.procedure())).appendTo(message);
        new Segment("NTE").set(1, "1").set(2, "L").set(3, escape(charge.chargeId())).set(4, CHARGE_ID_NOTE)
                .appendTo(message);
        new Segment("ORC").set(1, "RE").set(2, placerOrder).set(3, escape(charge.accessionNumber()))
                .set(12, xcn(charge.orderingProvider())).appendTo(message);
        return message.toString();
    }

    /**
     * FT1-2 of a charge: 12 characters of Crockford base 32 from the SHA-256 of the charge id (60
     * bits), the same for every attempt and every resend, so the billing system can recognise a
     * charge it has seen; distinct charges collide with a chance of about n²/2^61 among n charges.
     */
    public static String transactionId(String chargeId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(chargeId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        char[] id = new char[TRANSACTION_ID_LENGTH];
        for (int i = 0; i < TRANSACTION_ID_LENGTH; i++) {
            id[i] = BASE32[(int) (bits >>> (64 - 5 * (i + 1))) & 0x1F];
        }
        return new String(id);
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
        new Segment("PID").set(1, "1").set(3, escape(patient.id()) + "^^^" + escape(patient.issuer()))
                .set(5, name == null ? "" : components(escape(name.family()), escape(name.given()),
                        escape(name.middle()), escape(name.suffix()), escape(name.prefix())))
                .appendTo(message);
    }

    /**
     * PV1 with the visit's patient class (PV1-2, required by HL7: {@code unknownClass} when the
     * order did not say), assigned location (PV1-3) and visit number (PV1-19).
     */
    private static void visit(StringBuilder message, Visit visit, String unknownClass) {
        String patientClass = visit == null || visit.patientClass() == null ? unknownClass : visit.patientClass();
        new Segment("PV1").set(1, "1").set(2, escape(patientClass)).set(3, location(visit))
                .set(19, visit == null ? "" : escape(visit.visitNumber())).appendTo(message);
    }

    /** PL: the location as the placer sent it, point of care^room^bed, each component escaped. */
    private static String location(Visit visit) {
        if (visit == null || visit.assignedLocation() == null) {
            return "";
        }
        String[] parts = visit.assignedLocation().split("\\^", -1);
        List<String> escaped = new ArrayList<>(parts.length);
        for (String part : parts) {
            escaped.add(escape(part));
        }
        return components(escaped.toArray(String[]::new));
    }

    /** EI: the placer order number with the placer's namespace when it sent one. */
    private static String entity(String id, String namespace) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        return namespace == null || namespace.isEmpty() ? escape(id) : escape(id) + "^" + escape(namespace);
    }

    /** CWE / CE: code^text^coding system. */
    private static String coded(ProcedureCode code) {
        return code == null ? "" : components(escape(code.code()), escape(code.meaning()), escape(code.codingScheme()));
    }

    /** The signer of a report version: our user's id with the display name split into its parts. */
    private static Provider signer(Actor signer) {
        return signer == null ? null : Provider.fromDisplayName(signer.id(), signer.name());
    }

    /** XCN: id^family^given^middle^suffix^prefix. */
    private static String xcn(Provider provider) {
        return provider == null ? "" : components(nameParts(provider));
    }

    /** CNN (the first component of an NDL such as OBR-32): the same parts as subcomponents, id&family&given... */
    private static String cnn(Provider provider) {
        return provider == null ? "" : join('&', nameParts(provider));
    }

    private static String[] nameParts(Provider provider) {
        PersonName name = provider.name();
        if (name == null) {
            return new String[] {escape(provider.id())};
        }
        return new String[] {escape(provider.id()), escape(name.family()), escape(name.given()),
                escape(name.middle()), escape(name.suffix()), escape(name.prefix())};
    }

    private static String components(String... parts) {
        return join('^', parts);
    }

    /** The parts joined, without the empty ones at the end. */
    private static String join(char separator, String... parts) {
        int last = parts.length;
        while (last > 0 && parts[last - 1].isEmpty()) {
            last--;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                joined.append(separator);
            }
            joined.append(parts[i]);
        }
        return joined.toString();
    }

    private String timestamp(Instant instant) {
        return instant == null ? "" : ZonedDateTime.ofInstant(instant, clock.getZone()).format(TIMESTAMP);
    }

    /** A segment written field by field: fields never set stay empty, and empty ones at the end are left off. */
    private static final class Segment {

        private final String name;
        private final List<String> fields = new ArrayList<>();

        Segment(String name) {
            this.name = name;
        }

        /** @param value already escaped (and composed of its components) */
        Segment set(int field, String value) {
            while (fields.size() < field) {
                fields.add("");
            }
            fields.set(field - 1, value == null ? "" : value);
            return this;
        }

        void appendTo(StringBuilder message) {
            message.append(name);
            int last = fields.size();
            while (last > 0 && fields.get(last - 1).isEmpty()) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                message.append('|').append(fields.get(i));
            }
            message.append('\r');
        }
    }
}
