package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.rispacs.app.support.ReceivedObjects;
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
 * Attributes Sequence, with pending responses counting the sub-operations; a destination that
 * takes implicit VR little endian only gets the uncompressed objects re-encoded and the JPEG one
 * counted and listed as failed; an unknown destination is refused 0xA801 with nothing sent.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveMoveIT extends ApplicationTest {

    private static final int DESTINATION_PORT = FreePort.next();
    private static final int IMPLICIT_ONLY_PORT = FreePort.next();
    /** What the identity coercion changes (patient, accession, character set, its trail), and the pixel data. */
    private static final List<String> IDENTITY_AND_PIXELS = List.of("(0002,", "(0010,", "(0008,0005)", "(0008,0050)",
            "(0400,", "(7fe0,", "(fffe,");
    private static final Pattern REMAINING = Pattern.compile("(?<!Number of )Remaining Suboperations +: (\\d+)");
    private static final Pattern COMPLETED = Pattern.compile("(?<!Number of )Completed Suboperations +: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?<!Number of )Failed Suboperations +: (\\d+)");

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;

    @TempDir
    static Path work;

    private Process storescp;
    private Process implicitOnlyStorescp;
    private Path received;
    private Path receivedImplicit;
    private String study;

    @DynamicPropertySource
    static void destination(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.peers.DEST.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.DEST.port", () -> String.valueOf(DESTINATION_PORT));
        registry.add("ris.dicom.peers.IMPLICIT.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.IMPLICIT.port", () -> String.valueOf(IMPLICIT_ONLY_PORT));
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
        receivedImplicit = Files.createDirectories(work.resolve("implicit"));
        // +xi: the destination accepts implicit VR little endian only (no JPEG, no explicit VR)
        implicitOnlyStorescp = new ProcessBuilder("/usr/bin/storescp", "-v", "+xi", "-aet", "IMPLICIT", "-od",
                receivedImplicit.toString(), String.valueOf(IMPLICIT_ONLY_PORT)).redirectErrorStream(true)
                .redirectOutput(work.resolve("storescp-implicit.log").toFile()).start();
    }

    @AfterAll
    void stopTheDestinations() throws InterruptedException {
        for (Process process : new Process[] {storescp, implicitOnlyStorescp}) {
            if (process != null) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theStudyArrivesAtTheDestinationAsStoredWithTheRegisteredIdentity() throws Exception {
        String output = movescu("DEST", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);

        assertThat(output).contains("DIMSE Status                  : 0x0000: Success");
        // a pending response after each sub-operation but the last, then the final counts
        assertThat(values(REMAINING, output)).as(output).containsExactly(2, 1);
        assertThat(values(COMPLETED, output)).as(output).containsExactly(1, 2, 3);
        assertThat(values(FAILED, output)).as(output).containsExactly(0, 0, 0);
        List<Path> files = Eventually.eventually(() -> ReceivedObjects.list(received), found -> found.size() == 3);
        for (Path file : files) {
            String dump = DcmtkTools.run("dcmdump", "+L", file.toString());
            assertThat(dump).contains("OriginalAttributesSequence").contains("[MULLER^ANNA]")
                    .containsPattern("\\(0010,0010\\) PN \\[M.{1,2}ller\\^Anna\\]");
            String sop = uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", file.toString()));
            String series = sop.startsWith(study + ".2.") ? study + ".2" : study + ".1";
            Path stored = archive.root().resolve(study).resolve(series).resolve(sop + ".dcm");
            assertThat(ReceivedObjects.pixelData(file, work)).isEqualTo(ReceivedObjects.pixelData(stored, work));
            if (series.endsWith(".2")) {
                assertThat(dump).contains("JPEGLossless");
            }
        }
    }

    @Test
    void anImplicitOnlyDestinationGetsTheUncompressedObjectsReencodedAndTheJpegOneFails() throws Exception {
        String jpeg = study + ".2.1";
        Path storedJpeg = archive.root().resolve(study).resolve(study + ".2").resolve(jpeg + ".dcm");
        assertThat(DcmtkTools.run("dcmdump", "-M", "+P", "0002,0010", storedJpeg.toString())).contains("JPEG");
        for (int i = 1; i <= 2; i++) {
            Path stored = archive.root().resolve(study).resolve(study + ".1").resolve(study + ".1." + i + ".dcm");
            assertThat(DcmtkTools.run("dcmdump", "-M", "+P", "0002,0010", stored.toString()))
                    .as("stored as explicit VR little endian").contains("LittleEndianExplicit");
        }

        String output = movescu("IMPLICIT", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);

        assertThat(output).contains("DIMSE Status                  : 0xb000");
        assertThat(values(COMPLETED, output)).as(output).last().isEqualTo(2);
        assertThat(values(FAILED, output)).as(output).last().isEqualTo(1);
        // the Failed SOP Instance UID List names the JPEG object, which was never decompressed
        assertThat(output).contains("(0008,0058) UI [" + jpeg + "]");
        List<Path> files = Eventually.eventually(() -> ReceivedObjects.list(receivedImplicit),
                found -> found.size() == 2);
        Eventually.within(Duration.ofSeconds(3)).during(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(ReceivedObjects.list(receivedImplicit)).hasSize(2));
        for (Path file : files) {
            String dump = DcmtkTools.run("dcmdump", "-M", file.toString());
            assertThat(dump).contains("LittleEndianImplicit").contains("OriginalAttributesSequence")
                    .containsPattern("\\(0010,0010\\) PN \\[M.{1,2}ller\\^Anna\\]");
            String sop = uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", file.toString()));
            assertThat(sop).startsWith(study + ".1.");
            Path stored = archive.root().resolve(study).resolve(study + ".1").resolve(sop + ".dcm");
            assertThat(ReceivedObjects.pixelData(file, work)).isEqualTo(ReceivedObjects.pixelData(stored, work));
            assertThat(attributes(file)).isEqualTo(attributes(stored));
        }
    }

    @Test
    void anUnknownDestinationIsRefusedAndNothingIsSent() throws Exception {
        int atTheDestination = ReceivedObjects.list(received).size();
        String output = movescu("NOWHERE", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);
        assertThat(output).contains("DIMSE Status                  : 0xa801");
        // the only storage SCP there is receives nothing either
        Eventually.within(Duration.ofSeconds(3)).during(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(ReceivedObjects.list(received)).hasSize(atTheDestination));
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

    /** The numbers a pattern finds in movescu's dump of the responses, in order. */
    private static List<Integer> values(Pattern pattern, String output) {
        List<Integer> values = new ArrayList<>();
        Matcher matcher = pattern.matcher(output);
        while (matcher.find()) {
            values.add(Integer.parseInt(matcher.group(1)));
        }
        return values;
    }

    /** The image's attributes as dcmdump lists them, the identity and its trail and the pixel data left out. */
    private static List<String> attributes(Path file) throws Exception {
        return DcmtkTools.run("dcmdump", file.toString()).lines()
                .filter(line -> line.startsWith("(") && IDENTITY_AND_PIXELS.stream().noneMatch(line::startsWith))
                .map(line -> line.replaceAll("\\s+#.*$", "").replaceFirst("^\\((....,....)\\) .. ", "($1) "))
                .toList();
    }



    private static String uidIn(String dump) {
        int open = dump.indexOf('[');
        return dump.substring(open + 1, dump.indexOf(']', open));
    }
}
