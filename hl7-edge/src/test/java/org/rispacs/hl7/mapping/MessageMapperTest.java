package org.rispacs.hl7.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.DiscontinueOrderCommand;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.api.order.Visit;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.RecordOrderPatientCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.patient.UpdatePatientDemographicsCommand;
import org.rispacs.hl7.ack.AcknowledgementCode;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.message.Hl7Parser;
import org.rispacs.hl7.message.MessageHeader;

class MessageMapperTest {

    private static final PatientIdentifier P1 = new PatientIdentifier("P1", "HOSP");

    private static final Hl7Parser PARSER = new Hl7Parser();
    private final MessageMapper mapper = new MessageMapper(new MappingSettings("HOSP",
            Map.of("RAD-CT", "CT"), Map.of("CT", "CT1"), ""));

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    private List<Object> map(String... segments) throws Exception {
        String text = String.join("\r", segments) + "\r";
        return commands(mapper.map(PARSER.parse(text), MessageHeader.read(text).orElseThrow()));
    }

    private static List<Object> commands(List<MappedCommand> mapped) {
        return mapped.stream().map(MappedCommand::command).toList();
    }

    @Test
    void anA04InVersion23RegistersThePatientUnderTheAssigningAuthorityOfPid3() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A04|M1|P|2.3",
                "PID|1||X9^^^OTHER~P100^^^HOSP&1.2.3&ISO||Doe^Jane^Q^Jr^Dr||19800215|F");
        assertThat(commands).containsExactly(new RegisterPatientCommand(new PatientIdentifier("X9", "OTHER"),
                new Demographics(new PersonName("Doe", "Jane", "Q", "Dr", "Jr"), LocalDate.of(1980, 2, 15), "F")));
    }

    @Test
    void anIdWithoutAssigningAuthorityTakesTheDefaultIssuer() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A08^ADT_A01|M2|P|2.5.1",
                "EVN|A08|20260101", "PID|1||P200||Roe^Richard||1970|A");
        assertThat(commands).containsExactly(new UpdatePatientDemographicsCommand(
                new PatientIdentifier("P200", "HOSP"),
                new Demographics(new PersonName("Roe", "Richard", null, null, null), null, "O")));
    }

    @Test
    void anA40MergesTheMrgIdentityIntoThePidOne() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A40|M3|P|2.4",
                "EVN|A40|20260101", "PID|1||P1^^^HOSP||Doe^Jane", "MRG|P2^^^HOSP");
        assertThat(commands).containsExactly(new MergePatientsCommand(new PatientIdentifier("P2", "HOSP"),
                new PatientIdentifier("P1", "HOSP")));
    }

    @Test
    void aWholeAdtFeedIsAppliedWhereItChangesWhatTheRisHolds() throws Exception {
        Demographics doe = new Demographics(new PersonName("Doe", "Jane", null, null, null), null, null);
        assertThat(map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A28^ADT_A05|M12|P|2.5.1",
                "EVN|A28", "PID|1||P1^^^HOSP||Doe^Jane")).containsExactly(new RegisterPatientCommand(P1, doe));
        assertThat(map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A02^ADT_A02|M13|P|2.5.1",
                "EVN|A02", "PID|1||P1^^^HOSP||Doe^Jane", "PV1|1|I|W2^3^B"))
                .containsExactly(new UpdatePatientDemographicsCommand(P1, doe));
        assertThat(map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A03^ADT_A03|M14|P|2.5.1",
                "EVN|A03", "PID|1||P1^^^HOSP", "PV1|1|I")).as("a discharge naming no one").isEmpty();
        for (String merging : List.of("A34^ADT_A30", "A47^ADT_A30")) {
            assertThat(map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^" + merging + "|M15|P|2.5.1",
                    "EVN|A34", "PID|1||P1^^^HOSP||Doe^Jane", "MRG|P9^^^HOSP"))
                    .containsExactly(new MergePatientsCommand(new PatientIdentifier("P9", "HOSP"), P1));
        }
        assertThat(mapper.map(null, MessageHeader.read(
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A14|M16|P|2.5.1").orElseThrow()))
                .as("a pending admit: nothing the RIS holds").isEmpty();
    }

    /** An order control (ORC-1, and ORC-5 for a status change) on order PO-8, and the one command it maps to. */
    static Stream<Arguments> orderControls() {
        String orderId = OrderMapping.orderId("HOSP", "PO-8");
        return Stream.of(
                orderControl("discontinue ends the order", "2.5.1",
                        new DiscontinueOrderCommand(orderId, "Patient declined"),
                        "ORC|DC|PO-8||||||||||||||^Patient declined"),
                orderControl("order cancelled ends the order", "2.8", new CancelOrderCommand(orderId, null),
                        "ORC|OC|PO-8"),
                orderControl("cancel needs no patient", "2.5.1", new CancelOrderCommand(orderId, "Patient left"),
                        "ORC|CA|PO-8||||||||||||||^Patient left"),
                orderControl("change needs no patient", "2.5.1", new UpdateOrderCommand(orderId,
                        new ProcedureCode("MRHEAD", "LOCAL", "MR head"), OrderPriority.HIGH, null, null),
                        "ORC|XO|PO-8|||||^^^^^A", "OBR|1|PO-8||MRHEAD^MR head^LOCAL"),
                orderControl("status change to cancelled (ORC-5 CA) cancels", "2.5.1",
                        new CancelOrderCommand(orderId, "Duplicate order"),
                        "ORC|SC|PO-8|||CA|||||||||||^Duplicate order"),
                orderControl("status change to discontinued (ORC-5 DC) discontinues the step", "2.3",
                        new DiscontinueProcedureStepCommand(orderId, null, "Patient unwell"),
                        "ORC|SC|PO-8|||DC|||||||||||^Patient unwell"));
    }

    private static Arguments orderControl(String rule, String version, Object command, String... segments) {
        return Arguments.of(rule, version, command, segments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderControls")
    void anOrderControlMapsToItsOneCommand(String rule, String version, Object command, String[] segments)
            throws Exception {
        List<String> message = new ArrayList<>();
        message.add("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M8|P|" + version);
        message.addAll(List.of(segments));
        assertThat(map(message.toArray(String[]::new))).containsExactly(command);
    }

    @Test
    void aMissingFamilyNameIsAnErrorAtPid5() {
        assertErrorAt(ErrorLocation.component("PID", 5, 1), Hl7ErrorCode.REQUIRED_FIELD_MISSING,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A01|M4|P|2.5", "PID|1||P1^^^HOSP||^Jane");
    }

    @Test
    void aNewOrderIsPlacedAndScheduledWhenItHasAStartAndAStation() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5|P|2.3.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "PV1|1|I|W1^12^A||||||||||||||||V-77",
                "ORC|NW|PO-77^EPIC|||||^^^202601021030^^S|||||1234^House^Greg",
                "OBR|1|PO-77^EPIC||CTCHEST^CT chest^LOCAL||||||||||||||ACC-9||||||RAD-CT|||||||Cough",
                "DG1|1||R05^Cough^I10");
        String orderId = OrderMapping.orderId("HOSP", "PO-77");
        assertThat(commands).containsExactly(
                new RecordOrderPatientCommand(P1, new Demographics(new PersonName("Doe", "Jane", null, null, null),
                        null, null)),
                new PlaceOrderCommand(orderId, P1, "PO-77",
                        new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT", OrderPriority.STAT, "Cough",
                        "House^Greg", "ACC-9", new PlacerDetails("EPIC", "1234", "RAD-CT",
                                new Visit("I", "W1^12^A", "V-77"), new ProcedureCode("R05", "I10", "Cough"))),
                new ScheduleProcedureCommand(orderId, LocalDateTime.of(2026, 1, 2, 10, 30), "CT1", null, null));
    }

    @Test
    void theOrdersPatientIsRegisteredWithTheDemographicsOfItsPid() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5B|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane^Q||19800517|F",
                "ORC|NW|PO-78|||||^^^202601021030^^R",
                "OBR|1|PO-78||CTCHEST^CT chest^LOCAL||||||||||||||||||||RAD-CT");
        assertThat(commands.get(0)).isEqualTo(new RecordOrderPatientCommand(P1, new Demographics(
                new PersonName("Doe", "Jane", "Q", null, null), LocalDate.of(1980, 5, 17), "F")));
    }

    @Test
    void anOrderMessageWithOnlyThePatientIdAsksForAKnownPatient() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5C|P|2.5.1",
                "PID|1||P1^^^HOSP", "ORC|NW|PO-79", "OBR|1|PO-79||CTCHEST^CT chest^LOCAL||||||||||||||||||||CT");
        assertThat(commands.get(0)).isEqualTo(new RecordOrderPatientCommand(P1, null));
    }

    @Test
    void anInvalidBirthDateInAnOrderIsAnErrorAtPid7() {
        for (String birthDate : List.of("1980-05-17", "unknown")) {
            assertErrorAt(ErrorLocation.field("PID", 7), Hl7ErrorCode.DATA_TYPE_ERROR,
                    "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5D|P|2.5.1",
                    "PID|1||P1^^^HOSP||Doe^Jane||" + birthDate, "ORC|NW|PO-80",
                    "OBR|1|PO-80||CTCHEST^CT chest^LOCAL||||||||||||||||||||CT");
        }
    }

    @Test
    void everyObrWithItsOwnPlacerNumberIsAnOrderOfItsOwn() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5E|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-81|||||^^^202601021030^^R",
                "OBR|1|PO-81A||CTCHEST^CT chest^LOCAL||||||||||||||ACC-81A||||||CT",
                "OBR|2|PO-81B||CTABD^CT abdomen^LOCAL||||||||||||||ACC-81B||||||CT");
        assertThat(commands).hasSize(5);
        assertThat(commands.get(1)).isInstanceOfSatisfying(PlaceOrderCommand.class, place -> {
            assertThat(place.placerOrderNumber()).isEqualTo("PO-81A");
            assertThat(place.placerAccessionNumber()).isEqualTo("ACC-81A");
        });
        assertThat(commands.get(3)).isInstanceOfSatisfying(PlaceOrderCommand.class, place -> {
            assertThat(place.orderId()).isEqualTo(OrderMapping.orderId("HOSP", "PO-81B"));
            assertThat(place.procedure().code()).isEqualTo("CTABD");
            assertThat(place.placerAccessionNumber()).isEqualTo("ACC-81B");
        });
        assertThat(commands.get(4)).isEqualTo(new ScheduleProcedureCommand(OrderMapping.orderId("HOSP", "PO-81B"),
                LocalDateTime.of(2026, 1, 2, 10, 30), "CT1", null, null));
    }

    @Test
    void eachCommandKnowsWhichSegmentOccurrenceItsRefusableValuesCameFrom() throws Exception {
        String text = String.join("\r", "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||OMI^O23^OMI_O23|M5J|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-85", "TQ1|1||||||202601021030||R",
                "OBR|1|PO-85A||CTCHEST^CT chest^LOCAL||||||||||||||ACC-85A||||||CT", "IPC|||1.2.3.4|||||CT1",
                "ORC|NW|PO-86", "TQ1|1||||||202601021030||R", "OBR|2|||CTABD^CT abdomen^LOCAL",
                "IPC|ACC-86||||CT||||CT1") + "\r";
        List<MappedCommand> mapped = mapper.map(PARSER.parse(text), MessageHeader.read(text).orElseThrow());
        assertThat(mapped.get(0).at()).isEqualTo(MappedCommand.Locations.FIRST);
        assertThat(mapped.get(1).at()).isEqualTo(new MappedCommand.Locations(ErrorLocation.field("ORC", 1),
                ErrorLocation.field("OBR", 2), ErrorLocation.field("OBR", 18), ErrorLocation.field("IPC", 3)));
        assertThat(mapped.get(3).at()).isEqualTo(new MappedCommand.Locations(
                ErrorLocation.field("ORC", 1).inRepetition(2), ErrorLocation.field("ORC", 2).inRepetition(2),
                ErrorLocation.field("IPC", 1).inRepetition(2), ErrorLocation.field("IPC", 3).inRepetition(2)));
    }

    @Test
    void twoObrsThatCannotBeToldApartAreRefusedAtTheSecondObr2() {
        assertErrorAt(ErrorLocation.field("OBR", 2).inRepetition(2), Hl7ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5F|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-82",
                "OBR|1|||CTCHEST^CT chest^LOCAL||||||||||||||||||||CT",
                "OBR|2|||CTABD^CT abdomen^LOCAL||||||||||||||||||||CT");
    }

    @Test
    void withoutAStationTheOrderIsScheduledForItsModalityAlone() throws Exception {
        MessageMapper noStations = new MessageMapper(MappingSettings.defaults());
        String text = String.join("\r", "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5G|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-83|||||^^^202601021030^^R",
                "OBR|1|PO-83||USABD^US abdomen^LOCAL||||||||||||||||||||US") + "\r";
        List<Object> commands = commands(noStations.map(PARSER.parse(text), MessageHeader.read(text).orElseThrow()));
        assertThat(commands.get(2)).isEqualTo(new ScheduleProcedureCommand(OrderMapping.orderId("HOSP", "PO-83"),
                LocalDateTime.of(2026, 1, 2, 10, 30), null, null, null));
    }

    @Test
    void invalidValuesAreReportedAtTheFieldTheyCameFrom() {
        assertErrorAt(ErrorLocation.field("IPC", 3), Hl7ErrorCode.DATA_TYPE_ERROR,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||OMI^O23^OMI_O23|M9C|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9C", "TQ1|1||||||202602031400||R",
                "OBR|1|PO-9C||MRKNEE^MR knee^LOCAL", "IPC|ACC-12|RP1|1.2.03.x|SPS1|MR");
        assertErrorAt(ErrorLocation.component("ORC", 7, 4), Hl7ErrorCode.DATA_TYPE_ERROR,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M9D|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9D|||||^^^2026-01-02T10:30^^R",
                "OBR|1|PO-9D||CTCHEST^CT chest^LOCAL||||||||||||||||||||CT");
        assertErrorAt(ErrorLocation.field("TQ1", 7), Hl7ErrorCode.DATA_TYPE_ERROR,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||OMI^O23^OMI_O23|M9E|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9E", "TQ1|1||||||20260203||R",
                "OBR|1|PO-9E||MRKNEE^MR knee^LOCAL", "IPC|ACC-13|||SPS1|MR");
        assertErrorAt(ErrorLocation.field("OBR", 18), Hl7ErrorCode.DATA_TYPE_ERROR,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M9F|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9F",
                "OBR|1|PO-9F||CTCHEST^CT chest^LOCAL||||||||||||||ACC-ABCDEFGHIJKLMNOP||||||CT");
        assertErrorAt(ErrorLocation.field("IPC", 5), Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||OMI^O23^OMI_O23|M9G|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9G", "OBR|1|PO-9G||MRKNEE^MR knee^LOCAL",
                "IPC|ACC-14||||MR scan");
    }

    /** Maps the message, expecting an error (AE) with the code at the location; returns it for more checks. */
    private MappingException assertErrorAt(ErrorLocation location, Hl7ErrorCode code, String... segments) {
        Throwable thrown = catchThrowable(() -> map(segments));
        assertThat(thrown).isInstanceOf(MappingException.class);
        MappingException e = (MappingException) thrown;
        assertThat(e.acknowledgement()).isEqualTo(AcknowledgementCode.AE);
        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.error().location()).isEqualTo(location);
        return e;
    }

    @Test
    void theOrderingProviderBecomesAPersonNameWithoutItsId() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M5H|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-84||||||||||1234^SMITH^JOHN^Q^III^DR",
                "OBR|1|PO-84||CTCHEST^CT chest^LOCAL||||||||||||||||||||CT");
        assertThat(((PlaceOrderCommand) commands.get(1)).orderingProvider()).isEqualTo("SMITH^JOHN^Q^DR^III");
    }

    @Test
    void theSamePlacerOrderFromTheSameFacilityIsAlwaysTheSameOrder() {
        assertThat(OrderMapping.orderId("HOSP", "PO-1")).isEqualTo(OrderMapping.orderId("HOSP", "PO-1"))
                .isNotEqualTo(OrderMapping.orderId("OTHER", "PO-1"))
                .isNotEqualTo(OrderMapping.orderId("HOSP", "PO-2"));
    }

    @Test
    void aStatusChangeTheRisRecordsItselfOrWithoutStatusIsAnErrorAtOrc5() {
        for (String status : List.of("IP", "CM", "SC", "HD")) {
            assertThat(assertErrorAt(ErrorLocation.field("ORC", 5), Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M8C|P|2.5.1", "ORC|SC|PO-8|||" + status))
                    .hasMessageContaining("recorded by the RIS itself");
        }
        assertThatThrownBy(() -> map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M8D|P|2.5.1",
                "ORC|SC|PO-8|||ZZ"))
                .isInstanceOfSatisfying(MappingException.class, e ->
                        assertThat(e.getMessage()).contains("not in HL7 table 0038"));
        assertErrorAt(ErrorLocation.field("ORC", 5), Hl7ErrorCode.REQUIRED_FIELD_MISSING,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M8E|P|2.5.1", "ORC|SC|PO-8");
    }

    @Test
    void placerIdentifiersWithoutAScheduleAreAnErrorRatherThanDropped() {
        assertErrorAt(ErrorLocation.field("TQ1", 7), Hl7ErrorCode.REQUIRED_FIELD_MISSING,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||OMI^O23^OMI_O23|M9B|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9B", "TQ1|1", "OBR|1|PO-9B||MRKNEE^MR knee^LOCAL",
                "IPC|ACC-11|RP1|1.2.3|SPS1|MR^^DCM||||MR7");
    }

    @Test
    void anOmiTakesAccessionModalityAndStationFromIpc() throws Exception {
        List<Object> commands = map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||OMI^O23^OMI_O23|M9|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-9", "TQ1|1||||||202602031400||R",
                "OBR|1|PO-9||MRKNEE^MR knee^LOCAL",
                "IPC|ACC-10|RP1|1.2.3|SPS1|MR^^DCM||||MR7");
        String orderId = OrderMapping.orderId("HOSP", "PO-9");
        assertThat(commands).containsExactly(
                new RecordOrderPatientCommand(P1, new Demographics(new PersonName("Doe", "Jane", null, null, null),
                        null, null)),
                new PlaceOrderCommand(orderId, new PatientIdentifier("P1", "HOSP"), "PO-9",
                        new ProcedureCode("MRKNEE", "LOCAL", "MR knee"), "MR", OrderPriority.ROUTINE, null, null,
                        "ACC-10"),
                new ScheduleProcedureCommand(orderId, LocalDateTime.of(2026, 2, 3, 14, 0), "MR7", null, null,
                        "RP1", "1.2.3", "SPS1"));
    }

    @Test
    void aNewOrderWithoutProcedureCodeIsAnErrorAtObr4() {
        assertErrorAt(ErrorLocation.component("OBR", 4, 1), Hl7ErrorCode.REQUIRED_FIELD_MISSING,
                "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M10|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane", "ORC|NW|PO-10", "OBR|1|PO-10||^no code||||||||||||||||||||CT");
    }

    @Test
    void anUnsupportedTriggerIsRejected() {
        assertThatThrownBy(() -> map("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A63|M11|P|2.5.1",
                "PID|1||P1^^^HOSP||Doe^Jane"))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.acknowledgement()).isEqualTo(AcknowledgementCode.AR);
                    assertThat(e.error().code()).isEqualTo(Hl7ErrorCode.UNSUPPORTED_EVENT_CODE);
                });
    }
}
