package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.FreePort;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestCertificates;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.service.query.QueryFindService;
import org.rispacs.dicom.service.query.QueryMoveService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Query/Retrieve requests a workstation should not send, and requestors that stop listening: a
 * level the model lacks, no level, a key below the level, an identifier that is no data set, a
 * retrieve without its level's unique key, a move to this archive itself; each is refused with a
 * standard status, with no patient's access recorded and nothing sent. A C-MOVE cancelled after
 * its first pending response ends 0xFE00 with the remaining count; one whose requestor is killed
 * stops its sub-operations, ends the destination's association and leaves no thread or scratch
 * directory behind.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveHostileIT extends ApplicationTest {

    private static final int INSTANCES = 12;
    private static final int DESTINATION_PORT = FreePort.next();
    private static final int SLOW_DESTINATION_PORT = FreePort.next();
    /** Our own TLS listener's port: a peer configured there is this archive under another AE title. */
    private static final int OWN_TLS_PORT = FreePort.next();
    private static final TestCertificates RIS = TestCertificates.create("ris-pacs");

    /** The plain listener (the TLS one is there only to be a destination that is ourselves). */
    @Autowired
    @Qualifier("dicomServer")
    DicomServer dicom;

    @TempDir
    static Path work;

    private PatientIdentifier patient;
    private String study;
    private Process destination;
    private Path received;

    @DynamicPropertySource
    static void destinations(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.peers.DEST.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.DEST.port", () -> String.valueOf(DESTINATION_PORT));
        registry.add("ris.dicom.peers.SLOW.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.SLOW.port", () -> String.valueOf(SLOW_DESTINATION_PORT));
        registry.add("ris.dicom.tls.port", () -> String.valueOf(OWN_TLS_PORT));
        registry.add("ris.dicom.tls.key-store", () -> RIS.keyStore().toString());
        registry.add("ris.dicom.tls.key-store-password", RIS::password);
        registry.add("ris.dicom.peers.TWIN.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.TWIN.port", () -> String.valueOf(OWN_TLS_PORT));
    }

    @BeforeAll
    void aStudyIsStoredAndADestinationListens() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "qr-hostile-it");
        patient = department.patient("Hostile", "Hanna");
        String accession = department.accessionOf(department.order(patient, "CT"));
        study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "HOSTILE^HANNA", "19700102", accession, "CT",
                "20261201", "CT chest");
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, exam, study, study + ".1", 1, INSTANCES, 16));
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(DcmtkTools.run("findscu", "-S",
                "-aet", "FINDER", "-aec", "RISPACS", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID="
                        + study, "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", String.valueOf(dicom.port())))
                .containsPattern("\\[" + INSTANCES + " ?\\]"));
        received = Files.createDirectories(work.resolve("dest"));
        destination = storescp("DEST", DESTINATION_PORT, received, work.resolve("dest.log"));
    }

    @AfterAll
    void stopTheDestination() throws InterruptedException {
        stop(destination);
    }

    @Test
    void aFindAtALevelTheModelLacksWithoutALevelOrWithAKeyBelowItIsRefusedAndNothingRecorded() throws Exception {
        Path answers = Files.createDirectories(work.resolve("answers-" + UUID.randomUUID()));
        assertThat(findscu(answers, "FINDFOO", "QueryRetrieveLevel=FOO", "PatientID=" + patient.id()))
                .contains("DIMSE Status                  : 0xa900").contains("level FOO is not STUDY, SERIES or IMAGE");
        assertThat(findscu(answers, "FINDNOLEVEL", "PatientID=" + patient.id(), "PatientName"))
                .contains("DIMSE Status                  : 0xa900").contains("no Query/Retrieve Level (0008,0052)");
        assertThat(findscu(answers, "FINDBELOW", "QueryRetrieveLevel=STUDY", "SeriesInstanceUID=" + study + ".1"))
                .contains("DIMSE Status                  : 0xc000")
                .contains("SeriesInstanceUID is below the query's level STUDY");
        assertThat(list(answers)).as("no answer").isEmpty();
        assertThat(accessesRecordedFor("FINDFOO", "FINDNOLEVEL", "FINDBELOW")).isEmpty();
    }

    @Test
    void aMoveWithoutItsLevelsUniqueKeyWithAKeyBelowItOrAtNoLevelIsRefusedAndNothingSent() throws Exception {
        int atTheDestination = list(received).size();
        assertThat(movescu("MOVENOKEY", "DEST", "QueryRetrieveLevel=STUDY", "PatientID=" + patient.id()))
                .contains("DIMSE Status                  : 0xc000")
                .contains("a STUDY level retrieve needs StudyInstanceUID");
        assertThat(movescu("MOVEBELOW", "DEST", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study,
                "SOPInstanceUID=" + study + ".1.1"))
                .contains("DIMSE Status                  : 0xc000")
                .contains("SOPInstanceUID is below the retrieve's level STUDY");
        assertThat(movescu("MOVEFOO", "DEST", "QueryRetrieveLevel=FOO", "StudyInstanceUID=" + study))
                .contains("DIMSE Status                  : 0xa900");
        assertThat(movescu("MOVENOLEVEL", "DEST", "StudyInstanceUID=" + study))
                .contains("DIMSE Status                  : 0xa900");
        assertNothingArrivedBeyond(atTheDestination);
        assertThat(accessesRecordedFor("MOVENOKEY", "MOVEBELOW", "MOVEFOO", "MOVENOLEVEL")).isEmpty();
    }

    @Test
    void aMoveToThisArchiveItselfIsRefusedAndNothingSentOrRecorded() throws Exception {
        int atTheDestination = list(received).size();
        assertThat(movescu("MOVESELF", "RISPACS", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study))
                .contains("DIMSE Status                  : 0xa801")
                .contains("move destination RISPACS is this archive (RISPACS) itself");
        // a configured peer that is our own listener under another AE title
        assertThat(movescu("MOVETWIN", "TWIN", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study))
                .contains("DIMSE Status                  : 0xa801")
                .contains("move destination TWIN is this archive (RISPACS) itself");
        assertNothingArrivedBeyond(atTheDestination);
        assertThat(accessesRecordedFor("MOVESELF", "MOVETWIN")).isEmpty();
    }

    @Test
    void anIdentifierThatIsNoDataSetIsRefusedAndNothingSentOrRecorded() throws Exception {
        int atTheDestination = list(received).size();
        // an element whose length runs past the end, and bytes that are no element at all
        byte[] truncated = {0x08, 0x00, 0x52, 0x00, 'C', 'S', 0x64, 0x00, 'S', 'T', 'U', 'D'};
        byte[] noise = "this is not a DICOM data set at all, only words".getBytes(StandardCharsets.US_ASCII);
        for (byte[] garbage : List.of(truncated, noise)) {
            assertThat(request("GARBAGE", QueryFindService.STUDY_ROOT_FIND, CommandField.C_FIND_RQ, null, garbage)
                    .getInt(Tags.Status)).isEqualTo(0xA900);
            assertThat(request("GARBAGE", QueryMoveService.STUDY_ROOT_MOVE, CommandField.C_MOVE_RQ, "DEST", garbage)
                    .getInt(Tags.Status)).isEqualTo(0xA900);
        }
        assertNothingArrivedBeyond(atTheDestination);
        assertThat(accessesRecordedFor("GARBAGE")).isEmpty();
    }

    @Test
    void aMoveTheWorkstationMayAskForIsSentAndRecorded() throws Exception {
        // the counterpart of the refusals: what they must not leave behind, an accepted move does
        assertThat(movescu("MOVER", "DEST", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study))
                .contains("DIMSE Status                  : 0x0000: Success");
        assertThat(accessesRecordedFor("MOVER")).hasSize(1);
        Eventually.eventually(() -> list(received), found -> found.size() >= INSTANCES);
    }

    @Test
    void aCancelledMoveEndsWithCancelAndTheRemainingCount() throws Exception {
        Path slow = Files.createDirectories(work.resolve("slow-cancel"));
        Process slowDestination = storescp("SLOW", SLOW_DESTINATION_PORT, slow, work.resolve("slow-cancel.log"),
                "--sleep-during", "1");
        try {
            // movescu sends C-CANCEL-RQ after the first (pending) response
            String output = movescu("CANCELLER", "SLOW", List.of("--cancel", "1"), "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + study);

            assertThat(output).contains("DIMSE Status                  : 0xfe00");
            String last = output.substring(output.lastIndexOf("C-MOVE RSP"));
            int remaining = Integer.parseInt(last.replaceAll("(?s).*?(?<!Number of )Remaining Suboperations +: (\\d+)"
                    + ".*", "$1"));
            int completed = Integer.parseInt(last.replaceAll("(?s).*?(?<!Number of )Completed Suboperations +: (\\d+)"
                    + ".*", "$1"));
            assertThat(remaining).as(last).isPositive();
            assertThat(completed + remaining).as(last).isEqualTo(INSTANCES);
            Eventually.within(Duration.ofSeconds(5)).during(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(list(slow)).hasSize(completed));
        } finally {
            stop(slowDestination);
        }
    }

    @Test
    void aRequestorKilledMidRetrieveStopsItsSuboperationsAndLeavesNothingBehind() throws Exception {
        Path slow = Files.createDirectories(work.resolve("slow-kill"));
        Path slowLog = work.resolve("slow-kill.log");
        Process slowDestination = storescp("SLOW", SLOW_DESTINATION_PORT, slow, slowLog, "--sleep-during", "1");
        Instant start = Instant.now().minusSeconds(1);
        try {
            Process movescu = start(movescuCommand("KILLED", "SLOW", List.of("-v"), "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + study));
            try (BufferedReader output = new BufferedReader(new InputStreamReader(movescu.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = output.readLine();
                    assertThat(line).as("movescu's output before its first pending response").isNotNull();
                } while (!line.contains("Received Move Response"));
                movescu.destroyForcibly();
                assertThat(movescu.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }

            // the destination's association ends (released or aborted) with fewer objects than the study has
            Eventually.within(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Files.readString(slowLog))
                    .containsPattern("Association (Release|Aborted)"));
            Eventually.within(Duration.ofSeconds(5)).during(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(list(slow)).hasSizeLessThan(INSTANCES));
            Eventually.within(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(Thread.getAllStackTraces().keySet()).as("the retrieve's thread ended")
                        .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith("dimse-"));
                assertThat(scratchDirectoriesSince(start)).as("retrieve scratch directories left").isEmpty();
            });
        } finally {
            stop(slowDestination);
        }
    }

    private void assertNothingArrivedBeyond(int atTheDestination) {
        Eventually.within(Duration.ofSeconds(3)).during(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(list(received)).hasSize(atTheDestination));
    }

    /**
     * The patient accesses recorded with these calling AEs as actors, read from the event store's
     * whole stream: the access is published before any answer is sent, so it is there once answered.
     */
    private List<TrackedEventMessage<?>> accessesRecordedFor(String... callingAeTitles) {
        List<String> actors = Stream.of(callingAeTitles).map(ae -> "dicom:" + ae).toList();
        List<TrackedEventMessage<?>> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (event.getPayload() instanceof PatientDataViewedEvent
                        && actors.contains(String.valueOf(event.getMetaData().get(AuditMetadata.ACTOR)))) {
                    found.add(event);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return found;
    }

    /** A Study Root request whose data set the caller wrote (any bytes at all); the (first) response. */
    private Attributes request(String callingAeTitle, String sopClass, int commandField, String moveDestination,
                               byte[] dataset) throws IOException {
        AssociationSettings settings = new AssociationSettings(64 * 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        try (DicomClient client = DicomClient.connect(new java.net.InetSocketAddress("127.0.0.1", dicom.port()),
                callingAeTitle, "RISPACS", List.of(new PresentationContextProposal(1, sopClass,
                        List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))), "1.2.826.0.1.3680043.10.1.99",
                settings)) {
            Attributes command = Commands.request(commandField, 0, sopClass, null, true);
            command.setInt(Tags.Priority, VR.US, 0);
            if (moveDestination != null) {
                command.setString(Tags.MoveDestination, VR.AE, moveDestination);
            }
            return client.request(sopClass, command, dataset);
        }
    }

    private static List<Path> scratchDirectoriesSince(Instant start) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("ris-retrieve"))
                    .filter(file -> createdSince(file, start)).toList();
        }
    }

    private static boolean createdSince(Path file, Instant start) {
        try {
            FileTime created = (FileTime) Files.getAttribute(file, "creationTime");
            return !created.toInstant().isBefore(start);
        } catch (IOException gone) {
            return false;
        }
    }

    private String findscu(Path out, String callingAeTitle, String... keys) throws Exception {
        assertThat(Path.of("/usr/bin/findscu")).as("dcmtk's findscu").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/findscu", "-d", "-S", "-X", "-od", out.toString(),
                "-aet", callingAeTitle, "-aec", "RISPACS"));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.addAll(List.of("127.0.0.1", String.valueOf(dicom.port())));
        return finish(start(command));
    }

    private String movescu(String callingAeTitle, String destination, String... keys) throws Exception {
        return movescu(callingAeTitle, destination, List.of(), keys);
    }

    /** movescu's output with the responses' command sets (-d). */
    private String movescu(String callingAeTitle, String destination, List<String> options, String... keys)
            throws Exception {
        List<String> command = movescuCommand(callingAeTitle, destination, options, keys);
        command.add(1, "-d");
        return finish(start(command));
    }

    private List<String> movescuCommand(String callingAeTitle, String destination, List<String> options,
                                        String... keys) {
        assertThat(Path.of("/usr/bin/movescu")).as("dcmtk's movescu").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/movescu", "-S", "-aet", callingAeTitle,
                "-aec", "RISPACS", "-aem", destination));
        command.addAll(options);
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.addAll(List.of("127.0.0.1", String.valueOf(dicom.port())));
        return command;
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static Process storescp(String aeTitle, int port, Path folder, Path log, String... options)
            throws IOException {
        assertThat(Path.of("/usr/bin/storescp")).as("dcmtk's storescp").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/storescp", "-v", "+xa", "-aet", aeTitle, "-od",
                folder.toString()));
        command.addAll(List.of(options));
        command.add(String.valueOf(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        Eventually.within(Duration.ofSeconds(10)).untilAsserted(() -> DcmtkTools.run("echoscu", "-aec", aeTitle,
                "127.0.0.1", String.valueOf(port)));
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
