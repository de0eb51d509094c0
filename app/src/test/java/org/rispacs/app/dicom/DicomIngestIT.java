package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestProperties;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A modality's images reach the workflow: an order placed over REST, a study sent by dcmtk's
 * storescu to our DICOM listener, archived, recorded per series, and matched to the order by
 * its accession number as the modality wrote it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DicomIngestIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    DicomServer dicom;
    @Autowired
    EventStore eventStore;

    @TempDir
    Path work;

    @Test
    void aStudySentByStorescuIsArchivedRecordedAndMatchedToItsOrder() throws Exception {
        JsonNode order = TestApi.client(httpPort).post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", "P-DICOM-1", "patientIdIssuer", "HOSP", "procedureCode", "CTCHEST",
                        "modality", "CT", "priority", "ROUTINE"))
                .retrieve().body(JsonNode.class);
        String accession = order.get("accessionNumber").asText();
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());

        Path first = ctImage("ct1", study + ".1.1", study, study + ".1", accession.toLowerCase(), "P-DICOM-1");
        Path second = ctImage("ct2", study + ".1.2", study, study + ".1", accession.toLowerCase(), "P-DICOM-1");
        String output = run("storescu", "-v", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port()), first.toString(), second.toString());
        assertThat(output).contains("Received Store Response (Success)");

        InstancesReceivedEvent received = await(study, InstancesReceivedEvent.class);
        assertThat(received.instances()).hasSize(2);
        assertThat(received.callingAeTitle()).isEqualTo("CT1");
        assertThat(received.attributes().accessionNumber()).isEqualTo(accession.toLowerCase());
        assertThat(await(study, StudyMatchedToOrderEvent.class).orderId()).isEqualTo(order.get("orderId").asText());
        DomainEventMessage<?> recorded = eventStore.readEvents(study).asStream().findFirst().orElseThrow();
        assertThat(recorded.getMetaData()).containsEntry(AuditMetadata.CHANNEL, "dicom")
                .containsEntry(AuditMetadata.ACTOR, "dicom:CT1");
    }

    @Test
    void aStudyWithAnUnknownAccessionIsUnmatched() throws Exception {
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        Path image = ctImage("ct3", study + ".1.1", study, study + ".1", "NOSUCHORDER", "P-DICOM-2");
        run("storescu", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1", String.valueOf(dicom.port()), image.toString());
        assertThat(await(study, StudyUnmatchedEvent.class).reason()).isEqualTo(UnmatchedReason.UNKNOWN_ACCESSION);
    }

    private Path ctImage(String name, String sop, String study, String series, String accession, String patient)
            throws Exception {
        Path dump = work.resolve(name + ".dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI =CTImageStorage", "(0008,0018) UI [" + sop + "]",
                "(0008,0050) SH [" + accession + "]", "(0008,0060) CS [CT]", "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [" + patient + "]", "(0020,000d) UI [" + study + "]",
                "(0020,000e) UI [" + series + "]", "(7fe0,0010) OW 0001\\0002", ""));
        Path file = work.resolve(name + ".dcm");
        run("dump2dcm", dump.toString(), file.toString());
        return file;
    }

    /** dcmtk is a real peer: missing, the test fails (CI installs it). */
    private static String run(String... command) throws Exception {
        return DcmtkTools.run(command);
    }

    private <T> T await(String aggregateId, Class<T> type) {
        return Eventually.event(eventStore, aggregateId, type);
    }
}
