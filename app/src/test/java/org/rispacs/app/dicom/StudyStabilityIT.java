package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #18: a study pushed by a station that sends neither MPPS nor storage commitment (as an
 * Orthanc push does) never completed its procedure, so it never reached the radiologist. Now a
 * matched study that receives no new instance for {@code ris.workflow.study-stable-after}
 * completes it, and interface health counts it.
 */
class StudyStabilityIT extends ApplicationTest {

    private static final Duration STABLE_AFTER = Duration.ofSeconds(4);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.workflow.study-stable-after", () -> STABLE_AFTER.toSeconds() + "s");
    }

    @Autowired
    DicomServer dicom;

    @TempDir
    Path work;

    @Test
    void aPushedStudyWithoutMppsOrCommitmentCompletesItsProcedureOnceStable() throws Exception {
        JsonNode order = TestApi.client(port).post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", "P-STABLE-1", "patientIdIssuer", "HOSP", "procedureCode", "CTCHEST",
                        "modality", "CT", "priority", "ROUTINE"))
                .retrieve().body(JsonNode.class);
        String orderId = order.get("orderId").asText();
        String accession = order.get("accessionNumber").asText();
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());

        String output = DcmtkTools.run("storescu", "-v", "-aet", "ORTHANC", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port()), ctImage("s1", study + ".1.1", study, accession).toString(),
                ctImage("s2", study + ".1.2", study, accession).toString());
        assertThat(output).contains("Received Store Response (Success)");
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        DomainEventMessage<?> lastInstances = eventStore.readEvents(study).asStream()
                .filter(event -> event.getPayload() instanceof InstancesReceivedEvent)
                .reduce((first, second) -> second).orElseThrow();

        ProcedureStepCompletedEvent completed = Eventually.event(eventStore, orderId,
                ProcedureStepCompletedEvent.class, event -> true);
        assertThat(completed.source()).isEqualTo(CompletionSource.STUDY_STABLE);
        DomainEventMessage<?> completion = eventStore.readEvents(orderId).asStream()
                .filter(event -> event.getPayload() instanceof ProcedureStepCompletedEvent).findFirst().orElseThrow();
        assertThat(Duration.between(lastInstances.getTimestamp(), completion.getTimestamp()))
                .as("completed only once no instance arrived for the stable time").isGreaterThanOrEqualTo(STABLE_AFTER);

        JsonNode health = Eventually.eventually(() -> TestApi.client(port).get().uri("/api/interfaces/health")
                .retrieve().body(JsonNode.class), h -> h.path("proceduresCompletedByStableStudy").asLong() >= 1);
        assertThat(health.get("proceduresCompletedByStableStudy").asLong()).isPositive();

        // and it reaches the radiologists and billing, although the station asked for no storage commitment
        JsonNode reading = Eventually.eventually(() -> TestApi.client(port).get()
                .uri("/api/worklists/reading?size=500").retrieve().body(JsonNode.class), list -> {
                    for (JsonNode item : list) {
                        if (orderId.equals(item.path("orderId").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
        assertThat(reading.findValuesAsText("studyInstanceUid")).contains(study);
        Eventually.event(eventStore, ChargeIds.forOrder(orderId), ChargeCapturedEvent.class);
    }

    private Path ctImage(String name, String sop, String study, String accession) throws Exception {
        Path dump = work.resolve(name + ".dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI =CTImageStorage", "(0008,0018) UI [" + sop + "]",
                "(0008,0050) SH [" + accession + "]", "(0008,0060) CS [CT]", "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [P-STABLE-1]", "(0020,000d) UI [" + study + "]", "(0020,000e) UI [" + study + ".1]",
                "(7fe0,0010) OW 0001\\0002", ""));
        Path file = work.resolve(name + ".dcm");
        DcmtkTools.run("dump2dcm", dump.toString(), file.toString());
        return file;
    }
}
