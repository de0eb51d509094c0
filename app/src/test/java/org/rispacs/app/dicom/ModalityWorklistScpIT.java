package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.Visit;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.rispacs.app.support.WebSession;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

/**
 * Our Modality Worklist SCP queried by dcmtk's findscu, as a modality would: query files made
 * with dump2dcm, responses extracted to files and read back. Each query answered is counted per
 * station and modality in the interface health, and is an access to its patients' data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModalityWorklistScpIT extends ApplicationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final LocalDateTime MORNING = LocalDateTime.of(2027, 3, 4, 9, 30);

    @Autowired
    DicomServer dicom;

    @TempDir
    Path work;

    private String muellerOrder;

    @BeforeAll
    void schedule() throws Exception {
        PatientIdentifier mueller = patient("MUE", new PersonName("Müller", "Hans", null, null, null));
        PatientIdentifier yamada = patient("YAM", new PersonName("山田", "太郎", null, null, null));
        muellerOrder = order(mueller, "CT", "CT1", MORNING);
        order(yamada, "MR", "MR1", MORNING.plusHours(1));
        String cancelled = order(mueller, "CT", "CT1", MORNING.plusHours(2));
        send(new CancelOrderCommand(cancelled, "duplicate"));
        Eventually.eventually(() -> assertThat(itemsOfThisRun()).as("worklist items of this run").isEqualTo(2));
    }

    @Test
    void findscuGetsTheScheduledStepWithTheKeysItAskedFor() throws Exception {
        List<Attributes> answers = findscu("mull*", "CT", "CT1", "20270304-20270305");
        assertThat(answers).hasSize(1);
        Attributes answer = answers.get(0);
        assertThat(answer.getString(Tags.PatientName)).isEqualTo("Müller^Hans");
        assertThat(answer.getStrings(Tags.SpecificCharacterSet)).as("Latin-1 suffices")
                .containsExactly("ISO_IR 100");
        assertThat(answer.getString(Tags.PatientID)).isEqualTo("MUE-" + RUN);
        assertThat(answer.getString(Tags.PatientBirthDate)).isEqualTo("19600504");
        assertThat(answer.getString(Tags.AccessionNumber)).isNotBlank();
        assertThat(answer.getString(Tags.StudyInstanceUID)).startsWith("2.25.");
        assertThat(answer.getString(Tags.RequestedProcedureID)).startsWith("RP");
        Attributes step = answer.getSequence(Tags.ScheduledProcedureStepSequence).get(0);
        assertThat(step.getString(Tags.Modality)).isEqualTo("CT");
        assertThat(step.getString(Tags.ScheduledStationAETitle)).isEqualTo("CT1");
        assertThat(step.getString(Tags.ScheduledProcedureStepStartDate)).isEqualTo("20270304");
        assertThat(step.getString(Tags.ScheduledProcedureStepStartTime)).isEqualTo("093000");
        assertThat(step.getString(Tags.ScheduledProcedureStepID)).startsWith("SPS");
        assertThat(answer.contains(Tags.PatientSex)).as("not asked for, not returned").isFalse();
    }

    @Test
    void aListOfModalitiesMatchesEachAndTheQueryIsCountedForEach() throws Exception {
        String station = "LST" + RUN;
        List<Attributes> answers = findscu(station, "*", "CT\\MR", null, null);
        assertThat(answers).extracting(answer -> answer.getSequence(Tags.ScheduledProcedureStepSequence).get(0)
                .getString(Tags.Modality)).containsExactly("CT", "MR");
        assertThat(findscu(station, "*", null, "CT9\\MR1", null)).extracting(a -> a.getString(Tags.PatientID))
                .containsExactly("YAM-" + RUN);
        assertThat(findscu(station, "*", "CT", "CT1", null)).hasSize(1);

        JsonNode ct = Eventually.eventually(() -> served(station, "CT"),
                counter -> counter != null && counter.get("served").asLong() == 2);
        JsonNode mr = Eventually.eventually(() -> served(station, "MR"), counter -> counter != null);
        assertThat(mr.get("served").asLong()).as("the CT\\MR query").isEqualTo(1);
        assertThat(ct.get("itemsReturned").asLong()).as("2 of CT\\MR + 1").isEqualTo(3);
        assertThat(served(station, "CT\\MR")).isNull();
    }

    @Test
    void theRequiredReturnKeysCarryWhatThePlacerSent() throws Exception {
        List<Attributes> answers = DcmtkTools.findWorklist(work, List.of(
                "(0008,0050) SH",
                "(0008,0090) PN",
                "(0008,1110) SQ",
                "(fffe,e0dd) -",
                "(0010,0010) PN [MULLER^HANS]",
                "(0010,0020) LO [*" + RUN + "]",
                "(0020,000d) UI",
                "(0032,1032) PN",
                "(0038,0010) LO",
                "(0038,0300) LO",
                "(0040,1001) SH",
                "(0040,1002) LO",
                "(0040,2016) LO",
                "(0040,0100) SQ",
                "(fffe,e000) -",
                "(0040,0006) PN",
                "(0040,0009) SH",
                "(fffe,e00d) -",
                "(fffe,e0dd) -"), "CT1", "127.0.0.1", dicom.port());

        assertThat(answers).hasSize(1);
        Attributes answer = answers.get(0);
        assertThat(answer.getString(Tags.PlacerOrderNumberImagingServiceRequest)).isEqualTo("PLC-MUE-" + RUN);
        assertThat(answer.getString(Tags.ReasonForTheRequestedProcedure)).isEqualTo("suspected fracture");
        assertThat(answer.getString(Tags.RequestingPhysician)).isEqualTo("Who^John");
        assertThat(answer.getString(Tags.ReferringPhysicianName)).isEqualTo("Who^John");
        assertThat(answer.getString(Tags.AdmissionID)).isEqualTo("V-MUE-" + RUN);
        assertThat(answer.getString(Tags.CurrentPatientLocation)).isEqualTo("WARD3^12^B");
        Attributes study = answer.getSequence(Tags.ReferencedStudySequence).get(0);
        assertThat(study.getString(Tags.ReferencedSOPClassUID)).isEqualTo("1.2.840.10008.3.1.2.3.1");
        assertThat(study.getString(Tags.ReferencedSOPInstanceUID)).isEqualTo(answer.getString(Tags.StudyInstanceUID))
                .startsWith("2.25.");
        Attributes step = answer.getSequence(Tags.ScheduledProcedureStepSequence).get(0);
        assertThat(step.contains(Tags.ScheduledPerformingPhysicianName)).isTrue();
        assertThat(step.getStrings(Tags.ScheduledPerformingPhysicianName)).as("no order names one").isEmpty();

        assertThat(findscuForPerformingPhysician("WHO^JOHN")).as("a name matches no step without one").isEmpty();
        assertThat(findscuForPerformingPhysician("*")).hasSize(1);
    }

    private List<Attributes> findscuForPerformingPhysician(String name) throws Exception {
        return DcmtkTools.findWorklist(work, List.of(
                "(0010,0010) PN [MULLER^HANS]",
                "(0010,0020) LO [*" + RUN + "]",
                "(0040,0100) SQ",
                "(fffe,e000) -",
                "(0040,0006) PN [" + name + "]",
                "(fffe,e00d) -",
                "(fffe,e0dd) -"), "CT1", "127.0.0.1", dicom.port());
    }

    @Test
    void nonLatinNamesMatchAndComeBackInUtf8() throws Exception {
        List<Attributes> answers = findscu("山田*", null, null, null);
        assertThat(answers).extracting(a -> a.getString(Tags.PatientName)).containsExactly("山田^太郎");
        assertThat(answers.get(0).getStrings(Tags.SpecificCharacterSet)).containsExactly("ISO_IR 192");
    }

    @Test
    void otherStationsDatesAndCancelledStepsAreNotListed() throws Exception {
        assertThat(findscu("*", "CT", "CT9", null)).isEmpty();
        assertThat(findscu("*", "CT", null, "20270305")).isEmpty();
        assertThat(findscu("MULLER^HANS", null, null, null)).hasSize(1);
    }

    @Test
    void eachQueryServedIsCountedForItsStationAndModalityAndRecordedAsAnAccessToItsPatients() throws Exception {
        String station = "WLQ" + RUN;
        assertThat(served(station, "CT")).as("before any query").isNull();
        assertThat(findscu(station, "mull*", "CT", null, null)).hasSize(1);
        JsonNode once = Eventually.eventually(() -> served(station, "CT"), counter -> counter != null);
        assertThat(once.get("served").asLong()).isEqualTo(1);
        assertThat(once.get("itemsReturned").asLong()).isEqualTo(1);

        assertThat(findscu(station, "mull*", "CT", null, null)).hasSize(1);
        assertThat(findscu(station, "nobody-here*", "CT", null, null)).isEmpty();
        assertThat(findscu(station, "*", null, null, null)).hasSize(2);
        JsonNode ct = Eventually.eventually(() -> served(station, "CT"),
                counter -> counter.get("served").asLong() == 3);
        assertThat(ct.get("itemsReturned").asLong()).as("1 + 1 + 0").isEqualTo(2);
        assertThat(ct.get("lastServedAt").asText()).isNotBlank();
        JsonNode any = Eventually.eventually(() -> served(station, "*"), counter -> counter != null);
        assertThat(any.get("served").asLong()).isEqualTo(1);
        assertThat(any.get("itemsReturned").asLong()).isEqualTo(2);

        WebSession browser = new WebSession(port);
        browser.signIn(TestApi.USER, TestApi.PASSWORD);
        String page = browser.get("/interfaces").body();
        Matcher row = Pattern.compile("data-station=\"" + station + "\" data-modality=\"CT\">.*?"
                + "<td class=\"served\">(\\d+)</td>", Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("the page lists the station's CT queries").isTrue();
        assertThat(row.group(1)).isEqualTo("3");

        JsonNode timeline = Eventually.eventually(() -> api().get()
                .uri("/api/audit/timeline?actor=dicom:" + station + "&patient=MUE-" + RUN + "^^^HOSP&size=100")
                .retrieve().body(JsonNode.class), entries -> entries.size() == 3);
        assertThat(timeline.findValuesAsText("type")).containsOnly("WorklistQueryServedEvent");
        assertThat(timeline.findValuesAsText("channel")).containsOnly("dicom");
    }

    /** The interface health's counter of one station and modality, as the REST API shows it; null if none. */
    private JsonNode served(String station, String modality) {
        JsonNode health = api().get().uri("/api/interfaces/health").retrieve().body(JsonNode.class);
        for (JsonNode counter : health.get("worklistQueries")) {
            if (counter.get("callingAeTitle").asText().equals(station)
                    && counter.get("modality").asText().equals(modality)) {
                return counter;
            }
        }
        return null;
    }

    private RestClient api() {
        return TestApi.client(port);
    }

    private List<Attributes> findscu(String name, String modality, String station, String date) throws Exception {
        return findscu("CT1", name, modality, station, date);
    }

    /** Runs findscu with a query built by dump2dcm; the responses are the files findscu extracted. */
    private List<Attributes> findscu(String callingAeTitle, String name, String modality, String station,
                                     String date) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "(0008,0005) CS [ISO_IR 192]",
                "(0008,0050) SH",
                "(0010,0010) PN [" + name + "]",
                "(0010,0020) LO [*" + RUN + "]",
                "(0010,0030) DA",
                "(0020,000d) UI",
                "(0040,1001) SH",
                "(0040,0100) SQ",
                "(fffe,e000) -",
                "(0008,0060) CS" + (modality == null ? "" : " [" + modality + "]"),
                "(0040,0001) AE" + (station == null ? "" : " [" + station + "]"),
                "(0040,0002) DA" + (date == null ? "" : " [" + date + "]"),
                "(0040,0003) TM",
                "(0040,0009) SH",
                "(fffe,e00d) -",
                "(fffe,e0dd) -"));
        return DcmtkTools.findWorklist(work, lines, callingAeTitle, "127.0.0.1", dicom.port());
    }

    private int itemsOfThisRun() {
        return queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null, "*" + RUN, null, null, null,
                null, null, null, null, null, null), 100),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join().size();
    }

    private PatientIdentifier patient(String prefix, PersonName name) {
        PatientIdentifier patient = new PatientIdentifier(prefix + "-" + RUN, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(name, LocalDate.of(1960, 5, 4), "M")));
        return patient;
    }

    /** An order as the placer sends it over HL7: its order number, a reason, the visit (PV1). */
    private String order(PatientIdentifier patient, String modality, String station, LocalDateTime start) {
        String orderId = "order-" + UUID.randomUUID();
        PlacerDetails details = new PlacerDetails("HIS", "D123", "RAD", new Visit("I", "WARD3^12^B",
                "V-" + patient.id()), null);
        send(new PlaceOrderCommand(orderId, patient, "PLC-" + patient.id(), new ProcedureCode("P-" + modality,
                "LOCAL", modality + " exam"), modality, OrderPriority.ROUTINE, "suspected fracture", "Who^John",
                null, details));
        send(new ScheduleProcedureCommand(orderId, start, station, station + " room", "Radiology"));
        return orderId;
    }

    private void send(Object command) {
        TestCommands.send(commands, "mwl-it", command);
    }
}
