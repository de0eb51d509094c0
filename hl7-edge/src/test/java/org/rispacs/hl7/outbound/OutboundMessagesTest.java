package org.rispacs.hl7.outbound;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(t.get("/MSH-3")).isEqualTo("RISPACS");
        assertThat(t.get("/MSH-4")).isEqualTo("RAD");
        assertThat(t.get("/MSH-5")).isEqualTo("EPIC");
        assertThat(t.get("/MSH-6")).isEqualTo("HOSP");
        assertThat(t.get("/MSH-7")).isEqualTo("20260102110000+0000");
        assertThat(t.get("/MSH-9-1") + "^" + t.get("/MSH-9-2")).isEqualTo("ORU^R01");
        assertThat(t.get("/MSH-10")).isEqualTo("R123");
        assertThat(t.get("/MSH-12")).isEqualTo("2.5.1");
        assertThat(t.get("/MSH-18")).isEqualTo("UNICODE UTF-8");
        String patient = "/PATIENT_RESULT/PATIENT/PID";
        assertThat(t.get(patient + "-3-1")).isEqualTo("P1");
        assertThat(t.get(patient + "-3-4")).isEqualTo("HOSP");
        assertThat(t.get(patient + "-5-1")).isEqualTo("Doe");
        assertThat(t.get(patient + "-5-2")).isEqualTo("Jane");
        assertThat(t.get(patient + "-5-3")).isEqualTo("Q");
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        assertThat(t.get(order + "ORC-1")).isEqualTo("RE");
        assertThat(t.get(order + "ORC-2")).isEqualTo("PLC-1");
        assertThat(t.get(order + "ORC-3")).isEqualTo("ACC1");
        assertThat(t.get(order + "OBR-2")).isEqualTo("PLC-1");
        assertThat(t.get(order + "OBR-3")).isEqualTo("ACC1");
        assertThat(t.get(order + "OBR-4-1")).isEqualTo("CTCHEST");
        assertThat(t.get(order + "OBR-4-2")).isEqualTo("CT chest");
        assertThat(t.get(order + "OBR-4-3")).isEqualTo("LOCAL");
        assertThat(t.get(order + "OBR-18")).isEqualTo("ACC1");
        assertThat(t.get(order + "OBR-22")).isEqualTo("20260102101530+0000");
        assertThat(t.get(order + "OBR-25")).isEqualTo("F");
        assertThat(t.get(order + "OBR-32-1-1")).isEqualTo("rad1");
        assertThat(t.get(order + "OBR-32-1-2")).isEqualTo("House");
        assertThat(t.get(order + "OBR-32-1-6")).isEqualTo("Dr");
        String obx = order + "OBSERVATION(1)/OBX";
        assertThat(t.get(order + "OBSERVATION(0)/OBX-5")).isEqualTo("No acute finding.");
        assertThat(t.get(obx + "-1")).isEqualTo("2");
        assertThat(t.get(obx + "-2")).isEqualTo("TX");
        assertThat(t.get(obx + "-3-1")).isEqualTo("18782-3");
        assertThat(t.get(obx + "-5")).isEqualTo("Lungs | clear ^ & ~ \\ fine");
        assertThat(t.get(obx + "-11")).isEqualTo("F");
        assertThat(t.get(obx + "-14")).isEqualTo("20260102101530+0000");
        assertThat(t.get(obx + "-16-1")).isEqualTo("rad1");
        assertThat(t.get(obx + "-16-2")).isEqualTo("House");
        assertThat(t.get(obx + "-16-6")).isEqualTo("Dr");
    }

    @Test
    void aCorrectedReportSaysSoInObr25AndEveryObx11() throws Exception {
        Terser t = new Terser(PARSER.parse(messages.reportResult(report(ResultStatus.CORRECTED,
                List.of("a", "", "ADDENDUM 1 (Dr House):", "b")), EHR, "R124")));
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        assertThat(t.get(order + "OBR-25")).isEqualTo("C");
        for (int i = 0; i < 4; i++) {
            assertThat(t.get(order + "OBSERVATION(" + i + ")/OBX-11")).isEqualTo("C");
        }
        assertThat(t.get(order + "OBSERVATION(3)/OBX-5")).isEqualTo("b");
    }

    @Test
    void aChargeIsADftP03WithOneFt1() throws Exception {
        ChargeDetails charge = new ChargeDetails("charge-o1", new PatientIdentifier("P1", "HOSP"),
                new PersonName("Doe", "Jane", null, null, null), "PLC-1", null, "ACC1", CT_CHEST, "CT", SIGNED, null,
                null, null, null);
        Message parsed = PARSER.parse(messages.charge(charge, EHR, "C1"));
        assertThat(parsed).isInstanceOf(DFT_P03.class);
        Terser t = new Terser(parsed);
        assertThat(t.get("/MSH-9-1") + "^" + t.get("/MSH-9-2")).isEqualTo("DFT^P03");
        assertThat(t.get("/MSH-10")).isEqualTo("C1");
        assertThat(t.get("/EVN-1")).isEqualTo("P03");
        assertThat(t.get("/PID-3-1")).isEqualTo("P1");
        assertThat(t.get("/PID-3-4")).isEqualTo("HOSP");
        assertThat(t.get("/PID-5-1")).isEqualTo("Doe");
        assertThat(t.get("/PV1-2")).isEqualTo("O");
        assertThat(t.get("/PV1-19")).isNull();
        String ft1 = "/FINANCIAL/FT1";
        assertThat(t.get(ft1 + "-2")).isEqualTo("ADCGABFC4HNA");
        assertThat(t.get(ft1 + "-4")).isEqualTo("20260102101530+0000");
        assertThat(t.get(ft1 + "-6")).isEqualTo("CG");
        assertThat(t.get(ft1 + "-7-1")).isEqualTo("CTCHEST");
        assertThat(t.get(ft1 + "-10")).isEqualTo("1");
        assertThat(t.get(ft1 + "-16")).isNull();
        assertThat(t.get(ft1 + "-19")).isNull();
        assertThat(t.get(ft1 + "-20")).isNull();
        assertThat(t.get(ft1 + "-21")).isNull();
        assertThat(t.get(ft1 + "-23-1")).isEqualTo("ACC1");
        assertThat(t.get(ft1 + "-25-1")).isEqualTo("CTCHEST");
        assertThat(t.get(ft1 + "-25-3")).isEqualTo("LOCAL");
        assertThat(t.get("/FINANCIAL/NTE-3")).isEqualTo("charge-o1");
        assertThat(t.get("/FINANCIAL/FINANCIAL_COMMON_ORDER/ORC-2")).isEqualTo("PLC-1");
        assertThat(t.get("/FINANCIAL/FINANCIAL_COMMON_ORDER/ORC-3")).isEqualTo("ACC1");
    }

    @Test
    void aChargeEchoesTheVisitTheDiagnosisAndWhoOrderedAndPerformedIt() throws Exception {
        ChargeDetails charge = new ChargeDetails("charge-o1", new PatientIdentifier("P1", "HOSP"),
                new PersonName("Doe", "Jane", null, null, null), "PLC-1", "EPIC", "ACC1", CT_CHEST, "CT", SIGNED,
                ORDERING, WARD_VISIT, PNEUMONIA, new Provider("CT_SCANNER_1", null));
        String text = messages.charge(charge, EHR, "C2");
        Terser t = new Terser(PARSER.parse(text));
        assertThat(t.get("/PV1-2")).isEqualTo("I");
        assertThat(t.get("/PV1-3-1")).isEqualTo("4W");
        assertThat(t.get("/PV1-3-2")).isEqualTo("401");
        assertThat(t.get("/PV1-3-3")).isEqualTo("B");
        assertThat(t.get("/PV1-19")).isEqualTo("V778899");
        String ft1 = "/FINANCIAL/FT1";
        assertThat(t.get(ft1 + "-2")).hasSize(12).isEqualTo("ADCGABFC4HNA");
        assertThat(t.get(ft1 + "-16-1")).isEqualTo("4W");
        assertThat(t.get(ft1 + "-16-2")).isEqualTo("401");
        assertThat(t.get(ft1 + "-16-3")).isEqualTo("B");
        assertThat(t.get(ft1 + "-19-1")).isEqualTo("J18.9");
        assertThat(t.get(ft1 + "-19-2")).isEqualTo("Pneumonia, unspecified");
        assertThat(t.get(ft1 + "-19-3")).isEqualTo("I10");
        assertThat(t.get(ft1 + "-20-1")).isEqualTo("CT_SCANNER_1");
        assertThat(t.get(ft1 + "-20-2")).isNull();
        assertXcn(t, ft1 + "-21");
        assertThat(t.get("/FINANCIAL/NTE-1")).isEqualTo("1");
        assertThat(t.get("/FINANCIAL/NTE-3")).isEqualTo("charge-o1");
        assertThat(t.get("/FINANCIAL/NTE-4-1")).isEqualTo("CHARGEID");
        String orc = "/FINANCIAL/FINANCIAL_COMMON_ORDER/ORC";
        assertThat(t.get(orc + "-2-1")).isEqualTo("PLC-1");
        assertThat(t.get(orc + "-2-2")).isEqualTo("EPIC");
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
        String pv1 = "/PATIENT_RESULT/PATIENT/VISIT/PV1";
        assertThat(t.get(pv1 + "-1")).isEqualTo("1");
        assertThat(t.get(pv1 + "-2")).isEqualTo("I");
        assertThat(t.get(pv1 + "-3-1")).isEqualTo("4W");
        assertThat(t.get(pv1 + "-3-2")).isEqualTo("401");
        assertThat(t.get(pv1 + "-3-3")).isEqualTo("B");
        assertThat(t.get(pv1 + "-19")).isEqualTo("V778899");
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        assertThat(t.get(order + "ORC-2-1")).isEqualTo("PLC-1");
        assertThat(t.get(order + "ORC-2-2")).isEqualTo("EPIC");
        assertThat(t.get(order + "OBR-2-1")).isEqualTo("PLC-1");
        assertThat(t.get(order + "OBR-2-2")).isEqualTo("EPIC");
        assertThat(t.get(order + "OBR-3-1")).isEqualTo("ACC1");
        assertXcn(t, order + "ORC-12");
        assertXcn(t, order + "OBR-16");
        assertThat(t.get(order + "OBR-7")).isEqualTo("20260102080500+0000");
        assertThat(t.get(order + "OBR-22")).isEqualTo("20260102101530+0000");
        assertThat(t.get(order + "OBR-24")).isEqualTo("CT");
        assertThat(t.get(order + "OBR-25")).isEqualTo("F");
        assertThat(segment(text, "ORC")).isEqualTo("ORC|RE|PLC-1^EPIC|ACC1||CM|||||||1234^Welby^Marcus^A^Jr^Dr");
        assertThat(segment(text, "PV1")).isEqualTo("PV1|1|I|4W^401^B||||||||||||||||V778899");
    }

    @Test
    void aPreliminaryResultSaysSoAndNamesItsSignerInParts() throws Exception {
        String text = messages.reportResult(placedWithDetails(ResultStatus.PRELIMINARY, RESIDENT), EHR, "R201");
        Terser t = new Terser(PARSER.parse(text));
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        assertThat(t.get(order + "OBR-25")).isEqualTo("P");
        assertThat(t.get(order + "OBSERVATION(0)/OBX-11")).isEqualTo("P");
        assertThat(t.get(order + "OBR-32-1-1")).isEqualTo("res7");
        assertThat(t.get(order + "OBR-32-1-2")).isEqualTo("Resident");
        assertThat(t.get(order + "OBR-32-1-3")).isEqualTo("Rita");
        assertThat(t.get(order + "OBR-32-1-4")).isEqualTo("Mae");
        assertThat(t.get(order + "OBR-32-1-6")).isEqualTo("Dr.");
        String obx = order + "OBSERVATION(0)/OBX-16";
        assertThat(t.get(obx + "-1")).isEqualTo("res7");
        assertThat(t.get(obx + "-2")).isEqualTo("Resident");
        assertThat(t.get(obx + "-3")).isEqualTo("Rita");
        assertThat(t.get(obx + "-4")).isEqualTo("Mae");
        assertThat(t.get(obx + "-6")).isEqualTo("Dr.");
        assertThat(segment(text, "OBR")).endsWith("|P|||||||res7&Resident&Rita&Mae&&Dr.");
        assertThat(segment(text, "OBX")).endsWith("|res7^Resident^Rita^Mae^^Dr.");
    }

    @Test
    void withoutAVisitPv1SaysTheClassIsUnknownAndWithoutAPerformedTimeObr7IsTheSignature() throws Exception {
        String text = messages.reportResult(report(ResultStatus.FINAL, List.of("x")), EHR, "R202");
        Terser t = new Terser(PARSER.parse(text));
        assertThat(segment(text, "PV1")).isEqualTo("PV1|1|U");
        String order = "/PATIENT_RESULT/ORDER_OBSERVATION/";
        assertThat(t.get(order + "OBR-7")).isEqualTo("20260102101530+0000");
        assertThat(t.get(order + "OBR-2-2")).isNull();
        assertThat(t.get(order + "OBR-16")).isNull();
        assertThat(t.get(order + "OBR-24")).isNull();
    }

    /** The ordering provider as XCN: id^family^given^middle^suffix^prefix. */
    private static void assertXcn(Terser t, String field) throws Exception {
        assertThat(t.get(field + "-1")).isEqualTo("1234");
        assertThat(t.get(field + "-2")).isEqualTo("Welby");
        assertThat(t.get(field + "-3")).isEqualTo("Marcus");
        assertThat(t.get(field + "-4")).isEqualTo("A");
        assertThat(t.get(field + "-5")).isEqualTo("Jr");
        assertThat(t.get(field + "-6")).isEqualTo("Dr");
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
