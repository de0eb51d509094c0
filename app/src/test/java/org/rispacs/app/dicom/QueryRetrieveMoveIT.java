package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.FreePort;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Query/Retrieve C-MOVE as a workstation asks for it (dcmtk's movescu) to a destination that is
 * dcmtk's storescp: the study's objects arrive as stored (JPEG lossless stays JPEG lossless, pixel
 * data byte for byte) but with the registered identity and the received one in Original
 * Attributes Sequence; an unknown destination is refused 0xA801 with nothing sent.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveMoveIT extends ApplicationTest {

    private static final int DESTINATION_PORT = FreePort.next();

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;

    @TempDir
    static Path work;

    private Process storescp;
    private Path received;
    private String study;

    @DynamicPropertySource
    static void destination(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.peers.DEST.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.DEST.port", () -> String.valueOf(DESTINATION_PORT));
    }

    @BeforeAll
    void aStudyIsStoredAndADestinationListens() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "qr-move-it");
        PatientIdentifier patient = department.patient("Müller", "Anna");
        String accession = department.accessionOf(department.order(patient, "CT"));
        study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "MULLER^ANNA", "19700102", accession, "CT",
                "20261201", "CT chest");
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, exam, study, study + ".1", 1, 2, 16));
        TestImages.storeLossless(dicom.port(), "CT1",
                List.of(TestImages.jpegLossless(TestImages.series(work, exam, study, study + ".2", 2, 1, 16).get(0))));
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(DcmtkTools.run("findscu", "-S",
                "-aet", "QRSCU", "-aec", "RISPACS", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study,
                "-k", "PatientName", "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", String.valueOf(dicom.port())))
                .contains("[3 ]").contains("Anna"));
        received = Files.createDirectories(work.resolve("dest"));
        assertThat(Path.of("/usr/bin/storescp")).as("dcmtk's storescp").isExecutable();
        storescp = new ProcessBuilder("/usr/bin/storescp", "+xa", "-aet", "DEST", "-od", received.toString(),
                String.valueOf(DESTINATION_PORT)).redirectErrorStream(true)
                .redirectOutput(work.resolve("storescp.log").toFile()).start();
    }

    @AfterAll
    void stopTheDestination() throws InterruptedException {
        if (storescp != null) {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theStudyArrivesAtTheDestinationAsStoredWithTheRegisteredIdentity() throws Exception {
        String output = movescu("DEST", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);

        assertThat(output).contains("DIMSE Status                  : 0x0000: Success");
        List<Path> files = Eventually.eventually(() -> list(received), found -> found.size() == 3);
        for (Path file : files) {
            String dump = DcmtkTools.run("dcmdump", "+L", file.toString());
            assertThat(dump).contains("OriginalAttributesSequence").contains("[MULLER^ANNA]")
                    .containsPattern("\\(0010,0010\\) PN \\[M.{1,2}ller\\^Anna\\]");
            String sop = uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", file.toString()));
            String series = sop.startsWith(study + ".2.") ? study + ".2" : study + ".1";
            Path stored = archive.root().resolve(study).resolve(series).resolve(sop + ".dcm");
            assertThat(pixelData(file)).isEqualTo(pixelData(stored));
            if (series.endsWith(".2")) {
                assertThat(dump).contains("JPEGLossless");
            }
        }
    }

    @Test
    void anUnknownDestinationIsRefusedAndNothingIsSent() throws Exception {
        int atTheDestination = list(received).size();
        String output = movescu("NOWHERE", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);
        assertThat(output).contains("DIMSE Status                  : 0xa801");
        // the only storage SCP there is receives nothing either
        Eventually.within(Duration.ofSeconds(3)).during(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(list(received)).hasSize(atTheDestination));
    }

    /** movescu's output with the responses' command sets (-d). */
    private String movescu(String destination, String... keys) throws Exception {
        assertThat(Path.of("/usr/bin/movescu")).as("dcmtk's movescu").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/movescu", "-d", "-S", "-aet", "QRSCU",
                "-aec", "RISPACS", "-aem", destination));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.addAll(List.of("127.0.0.1", String.valueOf(dicom.port())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The pixel data's items as dcmdump +W writes them out. */
    private static List<String> pixelData(Path file) throws Exception {
        Path out = Files.createTempDirectory(work, "raw");
        DcmtkTools.run("dcmdump", "+W", out.toString(), file.toString());
        List<String> items = new ArrayList<>();
        for (int item = 0; Files.exists(out.resolve(file.getFileName() + "." + item + ".raw")); item++) {
            items.add(HexFormat.of().formatHex(Files.readAllBytes(out.resolve(file.getFileName() + "." + item
                    + ".raw"))));
        }
        assertThat(items).as("pixel data of " + file).isNotEmpty();
        return items;
    }

    private static String uidIn(String dump) {
        int open = dump.indexOf('[');
        return dump.substring(open + 1, dump.indexOf(']', open));
    }
}
