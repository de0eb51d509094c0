package org.rispacs.hl7.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.util.Terser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.order.Visit;
import org.rispacs.hl7.message.Hl7Parser;

class OutboundMessagesTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final String ORDER = "/PATIENT_RESULT/ORDER_OBSERVATION/";
    private static final OutboundDestination EHR = new OutboundDestination("EHR", "localhost", 2575, "EPIC", "HOSP",
            Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final Instant SIGNED = Instant.parse("2026-01-02T10:15:30Z");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    private static final Actor RESIDENT = new Actor("res7", "Dr. Rita Mae Resident", ClinicalRole.RESIDENT);
    private static final Instant PERFORMED = Instant.parse("2026-01-02T08:05:00Z");
    /** As orders keep it: the id from ORC-12.1, the name in DICOM PN form (family^given^middle^prefix^suffix). */
    private static final Provider ORDERING = Provider.fromDicomName("1234", "Welby^Marcus^A^Dr^Jr");
    private static final Visit WARD_VISIT = new Visit("I", "4W^401^B", "V778899");
    private static final ProcedureCode PNEUMONIA = new ProcedureCode("J18.9", "I10", "Pneumonia, unspecified");

    private final OutboundMessages messages = new OutboundMessages("RISPACS", "RAD",
            Clock.fixed(Instant.parse("2026-01-02T11:00:00Z"), ZoneOffset.UTC));

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    private static ReportResult report(ResultStatus status, List<String> text) {
        return new ReportResult(new PatientIdentifier("P1", "HOSP"), new PersonName("Doe", "Jane", "Q", null, null),
                "PLC-1", null, "ACC1", CT_CHEST, null, null, null, text, RADIOLOGIST, SIGNED, null, status);
    }

    /** An order placed over HL7 with everything the placer can say about it. */
    private static ReportResult placedWithDetails(ResultStatus status, Actor signer) {
        return new ReportResult(new PatientIdentifier("P1", "HOSP"), new PersonName("Doe", "Jane", "Q", null, null),
                "PLC-1", "EPIC", "ACC1", CT_CHEST, ORDERING, "CT", WARD_VISIT, List.of("Impression: normal."),
                signer, SIGNED, PERFORMED, status);
    }

    @Test
    void aFinalReportIsAnOruR01WithEveryFieldInItsPlace() throws Exception {
        String text = messages.reportResult(report(ResultStatus.FINAL,
                List.of("No acute finding.", "Lungs | clear ^ & ~ \\ fine")), EHR, "R123");
        Message parsed = PARSER.parse(text);
        assertThat(parsed).isInstanceOf(ORU_R01.class);
        Terser t = new Terser(parsed);
        assertFields(t, "/MSH-", "3", "RISPACS", "4", "RAD", "5", "EPIC", "6", "HOSP", "7", "20260102110000+0000",
                "9-1", "ORU", "9-2", "R01", "10", "R123", "12", "2.5.1", "18", "UNICODE UTF-8");
        assertFields(t, "/PATIENT_RESULT/PATIENT/PID-", "3-1", "P1", "3-4", "HOSP", "5-1", "Doe", "5-2", "Jane",
                "5-3", "Q");
        assertFields(t, ORDER, "ORC-1", "RE", "ORC-2", "PLC-1", "ORC-3", "ACC1", "OBR-2", "PLC-1", "OBR-3", "ACC1",
                "OBR-4-1", "CTCHEST", "OBR-4-2", "CT chest", "OBR-4-3", "LOCAL", "OBR-18", "ACC1",
                "OBR-22", "20260102101530+0000", "OBR-25", "F",
                "OBR-32-1-1", "rad1", "OBR-32-1-2", "House", "OBR-32-1-6", "Dr",
                "OBSERVATION(0)/OBX-5", "No acute finding.");
        assertFields(t, ORDER + "OBSERVATION(1)/OBX-", "1", "2", "2", "TX", "3-1", "18782-3",
                "5", "Lungs | clear ^ & ~ \\ fine", "11", "F", "14", "20260102101530+0000",
                "16-1", "rad1", "16-2", "House", "16-6", "Dr");
    }

    @Test
    void aCorrectedReportSaysSoInObr25AndEveryObx11() throws Exception {
        Terser t = new Terser(PARSER.parse(messages.reportResult(report(ResultStatus.CORRECTED,
                List.of("a", "", "ADDENDUM 1 (Dr House):", "b")), EHR, "R124")));
        assertThat(t.get(ORDER + "OBR-25")).isEqualTo("C");
        for (int i = 0; i < 4; i++) {
            assertThat(t.get(ORDER + "OBSERVATION(" + i + ")/OBX-11")).isEqualTo("C");
        }
        assertThat(t.get(ORDER + "OBSERVATION(3)/OBX-5")).isEqualTo("b");
    }

    @Test
    void aChargeIsADftP03WithOneFt1() throws Exception {
        ChargeDetails charge = new ChargeDetails("charge-o1", new PatientIdentifier("P1", "HOSP"),
                new PersonName("Doe", "Jane", null, null, null), "PLC-1", null, "ACC1", CT_CHEST, "CT", SIGNED, null,
                null, null, null);
        Message parsed = PARSER.parse(messages.charge(charge, EHR, "C1"));
        assertThat(parsed).isInstanceOf(DFT_P03.class);
        Terser t = new Terser(parsed);
        assertFields(t, "/", "MSH-9-1", "DFT", "MSH-9-2", "P03", "MSH-10", "C1", "EVN-1", "P03",
                "PID-3-1", "P1", "PID-3-4", "HOSP", "PID-5-1", "Doe", "PV1-2", "O", "PV1-19", null);
        assertFields(t, "/FINANCIAL/FT1-", "2", "ADCGABFC4HNA", "4", "20260102101530+0000", "6", "CG",
                "7-1", "CTCHEST", "10", "1", "16", null, "19", null, "20", null, "21", null, "23-1", "ACC1",
                "25-1", "CTCHEST", "25-3", "LOCAL");
        assertFields(t, "/FINANCIAL/", "NTE-3", "charge-o1", "FINANCIAL_COMMON_ORDER/ORC-2", "PLC-1",
                "FINANCIAL_COMMON_ORDER/ORC-3", "ACC1");
    }

    @Test
    void aChargeEchoesTheVisitTheDiagnosisAndWhoOrderedAndPerformedIt() throws Exception {
        ChargeDetails charge = new ChargeDetails("charge-o1", new PatientIdentifier("P1", "HOSP"),
                new PersonName("Doe", "Jane", null, null, null), "PLC-1", "EPIC", "ACC1", CT_CHEST, "CT", SIGNED,
                ORDERING, WARD_VISIT, PNEUMONIA, new Provider("CT_SCANNER_1", null));
        String text = messages.charge(charge, EHR, "C2");
        Terser t = new Terser(PARSER.parse(text));
        assertWardVisit(t, "/PV1-");
        String ft1 = "/FINANCIAL/FT1";
        assertThat(t.get(ft1 + "-2")).hasSize(12).isEqualTo("ADCGABFC4HNA");
        assertFields(t, ft1 + "-", "16-1", "4W", "16-2", "401", "16-3", "B", "19-1", "J18.9",
                "19-2", "Pneumonia, unspecified", "19-3", "I10", "20-1", "CT_SCANNER_1", "20-2", null);
        assertXcn(t, ft1 + "-21");
        assertFields(t, "/FINANCIAL/NTE-", "1", "1", "3", "charge-o1", "4-1", "CHARGEID");
        String orc = "/FINANCIAL/FINANCIAL_COMMON_ORDER/ORC";
        assertFields(t, orc + "-", "2-1", "PLC-1", "2-2", "EPIC");
        assertXcn(t, orc + "-12");
        assertThat(segment(text, "FT1")).contains("|4W^401^B|||J18.9^Pneumonia, unspecified^I10|CT_SCANNER_1|"
                + "1234^Welby^Marcus^A^Jr^Dr||ACC1^RISPACS||CTCHEST^CT chest^LOCAL");
    }

    @Test
    void transactionIdsFitFt1AndAreStablePerChargeAndDistinctAcrossCharges() {
        String id = OutboundMessages.transactionId("charge-order-4711");
        assertThat(id).hasSize(12).matches("[0-9A-HJKMNP-TV-Z]{12}")
                .isEqualTo(OutboundMessages.transactionId("charge-order-4711"));
        assertThat(OutboundMessages.transactionId("charge-order-4712")).isNotEqualTo(id);
        assertThat(OutboundMessages.transactionId("charge-o1")).isEqualTo("ADCGABFC4HNA");
    }

    @Test
    void aResultEchoesWhatThePlacerSentWithTheOrder() throws Exception {
        String text = messages.reportResult(placedWithDetails(ResultStatus.FINAL, RADIOLOGIST), EHR, "R200");
        Message parsed = PARSER.parse(text);
        assertThat(parsed).isInstanceOf(ORU_R01.class);
        Terser t = new Terser(parsed);
        String pv1 = "/PATIENT_RESULT/PATIENT/VISIT/PV1-";
        assertThat(t.get(pv1 + "1")).isEqualTo("1");
        assertWardVisit(t, pv1);
        assertFields(t, ORDER, "ORC-2-1", "PLC-1", "ORC-2-2", "EPIC", "OBR-2-1", "PLC-1", "OBR-2-2", "EPIC",
                "OBR-3-1", "ACC1");
        assertXcn(t, ORDER + "ORC-12");
        assertXcn(t, ORDER + "OBR-16");
        assertFields(t, ORDER, "OBR-7", "20260102080500+0000", "OBR-22", "20260102101530+0000", "OBR-24", "CT",
                "OBR-25", "F");
        assertThat(segment(text, "ORC")).isEqualTo("ORC|RE|PLC-1^EPIC|ACC1||CM|||||||1234^Welby^Marcus^A^Jr^Dr");
        assertThat(segment(text, "PV1")).isEqualTo("PV1|1|I|4W^401^B||||||||||||||||V778899");
    }

    @Test
    void aPreliminaryResultSaysSoAndNamesItsSignerInParts() throws Exception {
        String text = messages.reportResult(placedWithDetails(ResultStatus.PRELIMINARY, RESIDENT), EHR, "R201");
        Terser t = new Terser(PARSER.parse(text));
        assertFields(t, ORDER, "OBR-25", "P", "OBSERVATION(0)/OBX-11", "P");
        assertResident(t, ORDER + "OBR-32-1-");
        assertResident(t, ORDER + "OBSERVATION(0)/OBX-16-");
        assertThat(segment(text, "OBR")).endsWith("|P|||||||res7&Resident&Rita&Mae&&Dr.");
        assertThat(segment(text, "OBX")).endsWith("|res7^Resident^Rita^Mae^^Dr.");
    }

    @Test
    void withoutAVisitPv1SaysTheClassIsUnknownAndWithoutAPerformedTimeObr7IsTheSignature() throws Exception {
        String text = messages.reportResult(report(ResultStatus.FINAL, List.of("x")), EHR, "R202");
        Terser t = new Terser(PARSER.parse(text));
        assertThat(segment(text, "PV1")).isEqualTo("PV1|1|U");
        assertFields(t, ORDER, "OBR-7", "20260102101530+0000", "OBR-2-2", null, "OBR-16", null, "OBR-24", null);
    }

    /** The ordering provider as XCN: id^family^given^middle^suffix^prefix. */
    private static void assertXcn(Terser t, String field) throws HL7Exception {
        assertFields(t, field + "-", "1", "1234", "2", "Welby", "3", "Marcus", "4", "A", "5", "Jr", "6", "Dr");
    }

    /** The resident who signed, in the components of an XCN (OBX-16) or an XCN inside a CNN (OBR-32). */
    private static void assertResident(Terser t, String components) throws HL7Exception {
        assertFields(t, components, "1", "res7", "2", "Resident", "3", "Rita", "4", "Mae", "6", "Dr.");
    }

    /** The ward visit as PV1 fields: patient class, assigned location, visit number. */
    private static void assertWardVisit(Terser t, String pv1) throws HL7Exception {
        assertFields(t, pv1, "2", "I", "3-1", "4W", "3-2", "401", "3-3", "B", "19", "V778899");
    }

    /** Asserts fields below {@code prefix}, given as pairs of a path and the value expected there (null: empty). */
    private static void assertFields(Terser t, String prefix, String... pathsAndValues) throws HL7Exception {
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String field = prefix + pathsAndValues[i];
            assertThat(t.get(field)).as(field).isEqualTo(pathsAndValues[i + 1]);
        }
    }

    private static String segment(String message, String name) {
        for (String segment : message.split("\r")) {
            if (segment.startsWith(name + "|")) {
                return segment;
            }
        }
        return null;
    }

    @Test
    void controlIdsAreStablePerKeyDistinctAcrossKeysAndFitMsh10() {
        String first = OutboundChannel.controlId("R", "report-1/EHR/0#1");
        assertThat(first).hasSize(20).startsWith("R").isEqualTo(OutboundChannel.controlId("R", "report-1/EHR/0#1"));
        assertThat(OutboundChannel.controlId("R", "report-1/EHR/0#2")).isNotEqualTo(first);
    }
}
