package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.api.study.UnscheduledProcedureStepCompletedEvent;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestCommands;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Our MPPS SCP driven by an independent DIMSE implementation (dcmjs-dimse on Node.js) as the modality. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class MppsIT extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DicomServer dicom;

    @Test
    void aModalityStartsAndCompletesItsScheduledStep() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("MPPS-" + run, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Step", "Sam", null, null, null),
                LocalDate.of(1975, 6, 7), "M")));
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("CTABD", "LOCAL", "CT abdomen"), "CT",
                OrderPriority.ROUTINE, null, null, null));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.of(2027, 1, 5, 10, 0), "CT1", null, null));
        String accession = await(orderId, AccessionAssignedEvent.class).accessionNumber();
        awaitOnWorklist(patient.id());

        String mpps = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        JsonNode created = mpps("create", mpps, Map.of(
                "PerformedProcedureStepStatus", "IN PROGRESS",
                "PerformedStationAETitle", "CT1",
                "PerformedProcedureStepStartDate", "20270105",
                "PerformedProcedureStepStartTime", "100500",
                "ScheduledStepAttributesSequence", List.of(Map.of("AccessionNumber", accession.toLowerCase()))));
        assertThat(created.get("status").asInt()).as(created.toString()).isZero();
        assertThat(await(orderId, ProcedureStepStartedEvent.class).performedStepUid()).isEqualTo(mpps);

        JsonNode completed = mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", mpps + ".1"))));
        assertThat(completed.get("status").asInt()).as(completed.toString()).isZero();
        ProcedureStepCompletedEvent done = await(orderId, ProcedureStepCompletedEvent.class);
        assertThat(done.performedSeriesUids()).containsExactly(mpps + ".1");
        DomainEventMessage<?> recorded = eventStore.readEvents(orderId).asStream()
                .filter(event -> event.getPayload() instanceof ProcedureStepCompletedEvent).findFirst().orElseThrow();
        assertThat(recorded.getMetaData()).containsEntry(AuditMetadata.CHANNEL, "dicom");

        JsonNode again = Eventually.within(Duration.ofSeconds(10)).ignoreNoExceptions()
                .until(() -> mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "DISCONTINUED")),
                        answer -> answer.get("status").asInt() != 0);
        assertThat(again.get("status").asInt()).as("N-SET after completion").isEqualTo(0x0110);
        assertThat(storedTypes(mpps)).as("the refused N-SET kept nothing on the step")
                .containsExactly("PerformedProcedureStepStartedEvent", "PerformedProcedureStepCompletedEvent");
        assertThat(storedTypes(orderId)).as("nor on the order").doesNotContain("ProcedureStepDiscontinuedEvent");
    }

    @Test
    void unknownStepsAndMalformedRequestsAreRefused(CapturedOutput output) throws Exception {
        JsonNode unknown = mpps("set", "2.25.1234567", Map.of("PerformedProcedureStepStatus", "COMPLETED"));
        assertThat(unknown.get("status").asInt()).isEqualTo(0x0112);
        assertThat(output.getOut()).as("one line, no stack trace (issue #18)")
                .contains("unknown performed procedure step 2.25.1234567")
                .doesNotContain("AggregateNotFoundException");
        JsonNode nowhere = mpps("create", "2.25.7654321", Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "ScheduledStepAttributesSequence", List.of(Map.of("AccessionNumber", "NOSUCHACC"))));
        assertThat(nowhere.get("status").asInt()).as("unscheduled, and no study to record it for").isEqualTo(0x0110);
        assertThat(nowhere.get("errorComment").asText()).contains("no scheduled procedure step");
        JsonNode wrongStatus = mpps("create", "2.25.7654322", Map.of("PerformedProcedureStepStatus", "COMPLETED"));
        assertThat(wrongStatus.get("status").asInt()).isEqualTo(0x0106);
        assertThat(storedTypes("2.25.1234567")).as("nothing kept for the unknown step").isEmpty();
        assertThat(storedTypes("2.25.7654321")).as("nothing kept for the step with no order nor study").isEmpty();
        assertThat(storedTypes("2.25.7654322")).as("nothing kept for the malformed N-CREATE").isEmpty();
    }

    /** IHE SWF unscheduled case: no order, the modality created the study; accepted and listed as unmatched. */
    @Test
    void anUnscheduledStepIsRecordedSurfacesAsUnmatchedAndCanBeCompleted() throws Exception {
        String mpps = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        JsonNode created = mpps("create", mpps, Map.of(
                "PerformedProcedureStepStatus", "IN PROGRESS",
                "PerformedStationAETitle", "CT9",
                "PatientID", "WALKIN-1",
                "PatientName", "Walk^In",
                "Modality", "CT",
                "ScheduledStepAttributesSequence", List.of(Map.of("StudyInstanceUID", study))));
        assertThat(created.get("status").asInt()).as(created.toString()).isZero();
        UnscheduledProcedureStepStartedEvent started = await(mpps, UnscheduledProcedureStepStartedEvent.class);
        assertThat(started.studyInstanceUid()).isEqualTo(study);
        assertThat(started.attributes().patientId()).isEqualTo("WALKIN-1");

        UnmatchedStudy listed = Eventually.eventually(() -> queries.query(new FindUnmatchedStudiesQuery(null, 0, 1000),
                        ResponseTypes.multipleInstancesOf(UnmatchedStudy.class)).join().stream()
                        .filter(item -> item.studyInstanceUid().equals(study)).findFirst().orElse(null),
                item -> item != null);
        assertThat(listed.reason()).isEqualTo(UnmatchedReason.UNSCHEDULED_PROCEDURE_STEP);
        assertThat(listed.detail()).contains("unscheduled procedure step").contains(mpps);
        assertThat(listed.patientId()).isEqualTo("WALKIN-1");

        JsonNode completed = mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", study + ".1"))));
        assertThat(completed.get("status").asInt()).as(completed.toString()).isZero();
        assertThat(await(mpps, UnscheduledProcedureStepCompletedEvent.class).performedSeriesUids())
                .containsExactly(study + ".1");
        JsonNode again = mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "DISCONTINUED"));
        assertThat(again.get("status").asInt()).as("N-SET after completion").isEqualTo(0x0110);
        JsonNode elsewhere = mpps("create", mpps, Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "ScheduledStepAttributesSequence", List.of(Map.of("StudyInstanceUID", study + ".2"))));
        assertThat(elsewhere.get("status").asInt()).as("the same instance for another study").isEqualTo(0x0110);
        assertThat(storedTypes(mpps)).as("the refused N-SET and N-CREATE kept nothing").containsExactly(
                "UnscheduledProcedureStepStartedEvent", "UnscheduledProcedureStepCompletedEvent");
    }

    /** The simple type names of the events stored under {@code aggregateId}, in order. */
    private List<String> storedTypes(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream()
                .map(event -> event.getPayloadType().getSimpleName()).toList();
    }

    private JsonNode mpps(String operation, String uid, Map<String, Object> dataset) throws Exception {
        Path script = Path.of("src", "test", "node", "mpps-scu", "mpps.js").toAbsolutePath();
        assertThat(script.resolveSibling("node_modules").resolve("dcmjs-dimse")).as("npm ci ran").isDirectory();
        Process process = new ProcessBuilder("node", script.toString(), "127.0.0.1", String.valueOf(dicom.port()),
                "CT1", "RISPACS", operation, uid, JSON.writeValueAsString(dataset)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        // dcmjs-dimse logs on the same stream; the answer is the script's JSON line
        String answer = output.lines().filter(line -> line.startsWith("{\"status\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no response from the SCP; output:\n" + output));
        return JSON.readTree(answer);
    }

    private void awaitOnWorklist(String patientId) {
        Eventually.eventually(() -> queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null, patientId,
                        null, null, null, null, null, null, null, null, null), 10),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join(), items -> !items.isEmpty());
    }

    private <T> T await(String aggregateId, Class<T> type) {
        return Eventually.event(eventStore, aggregateId, type);
    }

    private void send(Object command) {
        TestCommands.send(commands, "mpps-it", command);
    }
}
