package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestProperties;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.SeriesLocation;
import org.rispacs.dicom.data.DicomReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nothing acknowledged is lost: an instance the archive stored (and the modality was told so)
 * whose recording a crash interrupted is recorded when the application starts again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ArchiveRecoveryIT {

    private static final String STUDY = "2.25." + Math.abs(System.nanoTime());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("ris-it-recovery");
        registry.add("ris.data-dir", dataDir::toString);
        TestProperties.loopbackListeners(registry);
        TestProperties.postgresSchema(registry);
        TestProperties.sharedElasticsearch(registry);
        storeWithoutRecording(dataDir.resolve("archive"));
    }

    /** What a crash right after the C-STORE response leaves: the file in place and still in the archive journal. */
    private static void storeWithoutRecording(Path archiveRoot) throws Exception {
        Path dump = Files.createTempFile("recovery", ".dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI =CTImageStorage",
                "(0008,0018) UI [" + STUDY + ".1.1]", "(0008,0050) SH [RECOVER1]", "(0008,0060) CS [CT]",
                "(0010,0020) LO [P-REC]", "(0020,000d) UI [" + STUDY + "]", "(0020,000e) UI [" + STUDY + ".1]",
                "(7fe0,0010) OW 0001\\0002", ""), StandardCharsets.UTF_8);
        Path file = dump.resolveSibling(dump.getFileName() + ".dcm");
        DcmtkTools.run("dump2dcm", dump.toString(), file.toString());
        Archive archive = new Archive(archiveRoot, "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            Archive.Incoming incoming = archive.begin("1.2.840.10008.5.1.4.1.1.2", STUDY + ".1.1",
                    "1.2.840.10008.1.2.1", "CT7");
            incoming.write(reader.inputStream().readAllBytes());
            incoming.commit();
        }
        assertThat(archive.unrecorded()).hasSize(1);
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    Archive archive;
    @Autowired
    JdbcRecordedLocations locations;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theInstanceIsRecordedAtStartAndItsJournalEntryCleared() throws Exception {
        InstancesReceivedEvent received = Eventually.event(eventStore, STUDY, InstancesReceivedEvent.class);
        assertThat(received.instances()).singleElement()
                .satisfies(instance -> assertThat(instance.sopInstanceUid()).isEqualTo(STUDY + ".1.1"));
        assertThat(received.callingAeTitle()).isEqualTo("CT7");
        assertThat(received.attributes().accessionNumber()).isEqualTo("RECOVER1");
        DomainEventMessage<?> event = eventStore.readEvents(STUDY).asStream().findFirst().orElseThrow();
        assertThat(event.getMetaData().get(AuditMetadata.SOURCE).toString()).startsWith("archive recovery");
        Eventually.eventually(() -> {
            try {
                assertThat(archive.unrecorded()).isEmpty();
                try (var journal = Files.list(archive.journal())) {
                    assertThat(journal).isEmpty();
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        Path file = archive.root().resolve(STUDY).resolve(STUDY + ".1").resolve(STUDY + ".1.1.dcm");
        assertThat(locations.seriesOf(STUDY + ".1.1")).contains(new SeriesLocation(STUDY, STUDY + ".1"));
        assertThat(archive.find(STUDY + ".1.1", locations)).contains(file);
    }

    /** The lookup is derived from the recorded events only: lost, it is rebuilt from them at the next start. */
    @Test
    void theInstanceLocationsAreRebuiltFromTheEventStore() throws Exception {
        Eventually.event(eventStore, STUDY, InstancesReceivedEvent.class);
        assertThat(locations.rebuildIfNeeded(eventStore)).as("filled at start already").isZero();
        jdbc.update("DELETE FROM dicom_archived_instance");
        jdbc.update("DELETE FROM dicom_archived_instance_rebuilt");
        assertThat(locations.seriesOf(STUDY + ".1.1")).isEmpty();

        assertThat(locations.rebuildIfNeeded(eventStore)).isPositive();

        assertThat(locations.seriesOf(STUDY + ".1.1")).contains(new SeriesLocation(STUDY, STUDY + ".1"));
        assertThat(locations.rebuildIfNeeded(eventStore)).isZero();
    }
}
