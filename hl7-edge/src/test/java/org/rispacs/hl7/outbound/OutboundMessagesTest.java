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
import org.rispacs.hl7.message.Hl7Parser;

class OutboundMessagesTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final OutboundDestination EHR = new OutboundDestination("EHR", "localhost", 2575, "EPIC", "HOSP",
            Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final Instant SIGNED = Instant.parse("2026-01-02T10:15:30Z");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);

    private final OutboundMessages messages = new OutboundMessages("RISPACS", "RAD",
            Clock.fixed(Instant.parse("2026-01-02T11:00:00Z"), ZoneOffset.UTC));

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    private static ReportResult report(ResultStatus status, List<String> text) {
        return new ReportResult(new PatientIdentifier("P1", "HOSP"), new PersonName("Doe", "Jane", "Q", null, null),
                "PLC-1", "ACC1", CT_CHEST, text, RADIOLOGIST, SIGNED, status);
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
        assertThat(t.get(order + "OBR-32-1-2")).isEqualTo("Dr House");
        String obx = order + "OBSERVATION(1)/OBX";
        assertThat(t.get(order + "OBSERVATION(0)/OBX-5")).isEqualTo("No acute finding.");
        assertThat(t.get(obx + "-1")).isEqualTo("2");
        assertThat(t.get(obx + "-2")).isEqualTo("TX");
        assertThat(t.get(obx + "-3-1")).isEqualTo("18782-3");
        assertThat(t.get(obx + "-5")).isEqualTo("Lungs | clear ^ & ~ \\ fine");
        assertThat(t.get(obx + "-11")).isEqualTo("F");
        assertThat(t.get(obx + "-14")).isEqualTo("20260102101530+0000");
        assertThat(t.get(obx + "-16-1")).isEqualTo("rad1");
        assertThat(t.get(obx + "-16-2")).isEqualTo("Dr House");
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
                new PersonName("Doe", "Jane", null, null, null), "PLC-1", "ACC1", CT_CHEST, "CT", SIGNED);
        Message parsed = PARSER.parse(messages.charge(charge, EHR, "C1"));
        assertThat(parsed).isInstanceOf(DFT_P03.class);
        Terser t = new Terser(parsed);
        assertThat(t.get("/MSH-9-1") + "^" + t.get("/MSH-9-2")).isEqualTo("DFT^P03");
        assertThat(t.get("/MSH-10")).isEqualTo("C1");
        assertThat(t.get("/EVN-1")).isEqualTo("P03");
        assertThat(t.get("/PID-3-1")).isEqualTo("P1");
        assertThat(t.get("/PID-3-4")).isEqualTo("HOSP");
        assertThat(t.get("/PID-5-1")).isEqualTo("Doe");
        String ft1 = "/FINANCIAL/FT1";
        assertThat(t.get(ft1 + "-2")).isEqualTo("charge-o1");
        assertThat(t.get(ft1 + "-4")).isEqualTo("20260102101530+0000");
        assertThat(t.get(ft1 + "-6")).isEqualTo("CG");
        assertThat(t.get(ft1 + "-7-1")).isEqualTo("CTCHEST");
        assertThat(t.get(ft1 + "-10")).isEqualTo("1");
        assertThat(t.get(ft1 + "-23-1")).isEqualTo("ACC1");
        assertThat(t.get(ft1 + "-25-1")).isEqualTo("CTCHEST");
        assertThat(t.get(ft1 + "-25-3")).isEqualTo("LOCAL");
        assertThat(t.get("/FINANCIAL/FINANCIAL_COMMON_ORDER/ORC-2")).isEqualTo("PLC-1");
        assertThat(t.get("/FINANCIAL/FINANCIAL_COMMON_ORDER/ORC-3")).isEqualTo("ACC1");
    }

    @Test
    void controlIdsAreStablePerKeyDistinctAcrossKeysAndFitMsh10() {
        String first = OutboundChannel.controlId("R", "report-1/EHR/0#1");
        assertThat(first).hasSize(20).startsWith("R").isEqualTo(OutboundChannel.controlId("R", "report-1/EHR/0#1"));
        assertThat(OutboundChannel.controlId("R", "report-1/EHR/0#2")).isNotEqualTo(first);
    }
}
