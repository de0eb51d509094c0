package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
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
import org.rispacs.app.support.DcmjsScripts;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.ReceivedObjects;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Query/Retrieve C-GET as workstations ask for it, dcmtk's getscu and dcmjs-dimse: the objects
 * come back on the requestor's own association, as stored (JPEG lossless stays JPEG lossless,
 * pixel data byte for byte) or re-encoded from Explicit to Implicit VR Little Endian where the
 * requestor accepted only that, always with the registered identity; pending responses carry the
 * counts; an object the requestor has no context for fails and is listed; an unknown study is a
 * success with nothing sent; a get of more than {@code ris.dicom.retrieve-max-instances} is
 * refused 0xA701 with nothing sent.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveGetIT extends ApplicationTest {

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;

    @TempDir
    static Path work;

    private PatientIdentifier patient;
    /** Three uncompressed CT slices in two series. */
    private String plain;
    /** One JPEG-lossless slice (series .1) and one uncompressed (series .2). */
    private String mixed;

    @DynamicPropertySource
    static void limit(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.retrieve-max-instances", () -> "4");
    }

    @BeforeAll
    void twoStudiesAreStored() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "qr-get-it");
        patient = department.patient("Müller", "Anna");
        plain = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        mixed = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam plainExam = new TestImages.Exam(patient.id(), null, "MULLER^ANNA", "19700102",
                department.accessionOf(department.order(patient, "CT")), "CT", "20261201", "CT chest");
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, plainExam, plain, plain + ".1", 1, 2, 16));
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, plainExam, plain, plain + ".2", 2, 1, 16));
        TestImages.Exam mixedExam = new TestImages.Exam(patient.id(), null, "MULLER^ANNA", "19700102",
                department.accessionOf(department.order(patient, "CT")), "CT", "20261202", "CT abdomen");
        TestImages.storeLossless(dicom.port(), "CT1", List.of(TestImages.jpegLossless(
                TestImages.series(work, mixedExam, mixed, mixed + ".1", 1, 1, 16).get(0))));
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, mixedExam, mixed, mixed + ".2", 2, 1, 16));
        awaitFindable(plain, "[3 ]");
        awaitFindable(mixed, "[2 ]");
    }

    private void awaitFindable(String study, String instances) {
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(DcmtkTools.run("findscu", "-S",
                "-aet", "QRSCU", "-aec", "RISPACS", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study,
                "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", String.valueOf(dicom.port()))).contains(instances));
    }

    @Test
    void getscuReceivesTheStudyOnItsOwnAssociationWithTheRegisteredIdentityAndTheCounts() throws Exception {
        Path received = folder();
        String output = getscu(received, List.of("-S"), "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + plain);

        assertThat(output).contains("Remaining Suboperations       : 2").contains("Remaining Suboperations       : 1")
                .contains("Completed Suboperations       : 3").contains("DIMSE Status                  : 0x0000");
        List<Path> files = ReceivedObjects.list(received);
        assertThat(files).hasSize(3);
        for (Path file : files) {
            assertArrivedAsStored(file, plain);
        }
        // every get of this class is GETSCU's; those that matched nothing (an unknown study) name no patient
        assertThat(Eventually.eventually(() -> getsAudited("dicom:GETSCU"), found -> found.stream()
                        .anyMatch(event -> !((PatientDataViewedEvent) event.getPayload()).patients().isEmpty())))
                .extracting(event -> ((PatientDataViewedEvent) event.getPayload()).patients())
                .filteredOn(patients -> !patients.isEmpty())
                .allSatisfy(patients -> assertThat(patients).containsExactly(patient));
    }

    @Test
    void aSeriesWithAJpegLosslessInstanceArrivesCompressedToARequestorPreferringIt() throws Exception {
        Path received = folder();
        String output = getscu(received, List.of("-S", "+xs", "+B"), "QueryRetrieveLevel=SERIES",
                "StudyInstanceUID=" + mixed, "SeriesInstanceUID=" + mixed + ".1");

        assertThat(output).contains("DIMSE Status                  : 0x0000");
        assertThat(ReceivedObjects.list(received)).singleElement().satisfies(file -> {
            assertThat(DcmtkTools.run("dcmdump", file.toString())).contains("JPEGLossless");
            assertArrivedAsStored(file, mixed);
        });
    }

    @Test
    void anImageLevelGetSendsThatInstanceOnly() throws Exception {
        Path received = folder();
        getscu(received, List.of("-S"), "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + plain,
                "SeriesInstanceUID=" + plain + ".1", "SOPInstanceUID=" + plain + ".1.2");

        assertThat(ReceivedObjects.list(received)).singleElement().satisfies(file -> {
            assertThat(uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", file.toString())))
                    .isEqualTo(plain + ".1.2");
            assertArrivedAsStored(file, plain);
        });
    }

    @Test
    void aPatientRootGetOfOneStudyOfThePatient() throws Exception {
        Path received = folder();
        String output = getscu(received, List.of("-P"), "QueryRetrieveLevel=STUDY", "PatientID=" + patient.id(),
                "StudyInstanceUID=" + plain);

        assertThat(output).contains("Completed Suboperations       : 3").contains("0x0000");
        assertThat(ReceivedObjects.list(received)).hasSize(3);
    }

    @Test
    void anUnknownStudyIsASuccessWithNothingSent() throws Exception {
        Path received = folder();
        String output = getscu(received, List.of("-S"), "QueryRetrieveLevel=STUDY", "StudyInstanceUID=2.25.1234");

        assertThat(output).contains("Completed Suboperations       : 0").contains("Failed Suboperations          : 0")
                .contains("DIMSE Status                  : 0x0000");
        assertThat(ReceivedObjects.list(received)).isEmpty();
    }

    @Test
    void aGetOfMoreInstancesThanTheLimitIsRefusedWithNothingSent() throws Exception {
        Path received = folder();
        String output = getscu(received, List.of("-P"), "QueryRetrieveLevel=PATIENT", "PatientID=" + patient.id());

        assertThat(output).contains("DIMSE Status                  : 0xa701").doesNotContain("Received C-STORE");
        assertThat(ReceivedObjects.list(received)).isEmpty();
    }

    @Test
    void dcmjsDimseGetsTheObjectsReencodedToImplicitVrAndTheCompressedOneListedAsFailed() throws Exception {
        List<JsonNode> lines = DcmjsScripts.dcmjs("get.js", "127.0.0.1", String.valueOf(dicom.port()), "DCMJS",
                "RISPACS", mixed);

        List<JsonNode> stored = lines.stream().filter(line -> line.has("stored")).map(line -> line.get("stored"))
                .toList();
        assertThat(stored).singleElement().satisfies(object -> {
            assertThat(object.get("sopInstanceUid").asText()).isEqualTo(mixed + ".2.1");
            assertThat(object.get("transferSyntax").asText()).isEqualTo("1.2.840.10008.1.2");
            assertThat(object.get("patientName").asText()).endsWith("ller^Anna");
            assertThat(object.get("pixelSha256").asText()).isEqualTo(sha256(ReceivedObjects.pixelData(
                    archive.root().resolve(mixed).resolve(mixed + ".2").resolve(mixed + ".2.1.dcm"), work)));
        });
        assertThat(lines).filteredOn(line -> line.has("pending")).singleElement()
                .satisfies(pending -> assertThat(pending.get("pending").get("remaining").asInt()).isEqualTo(1));
        JsonNode last = lines.stream().filter(line -> line.has("final")).findFirst().orElseThrow().get("final");
        assertThat(last.get("status").asInt()).isEqualTo(0xB000);
        assertThat(last.get("completed").asInt()).isEqualTo(1);
        assertThat(last.get("failed").asInt()).isEqualTo(1);
        assertThat(last.get("failedSopInstanceUids")).extracting(JsonNode::asText).containsExactly(mixed + ".1.1");
    }

    /** The actor's C-GETs recorded as patient data viewed ({@code dicom-get}), from the event store's whole stream. */
    private List<EventMessage<?>> getsAudited(String actor) {
        List<EventMessage<?>> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (event.getPayload() instanceof PatientDataViewedEvent viewed && "dicom-get".equals(viewed.view())
                        && actor.equals(event.getMetaData().get(AuditMetadata.ACTOR))) {
                    found.add(event);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return found;
    }

    /** The registered identity, the received one kept, and the stored pixel data byte for byte. */
    private void assertArrivedAsStored(Path file, String study) throws Exception {
        String dump = DcmtkTools.run("dcmdump", "+L", file.toString());
        assertThat(dump).contains("OriginalAttributesSequence").contains("[MULLER^ANNA]")
                .containsPattern("\\(0010,0010\\) PN \\[M.{1,2}ller\\^Anna\\]");
        String sop = uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", file.toString()));
        String series = sop.substring(0, sop.lastIndexOf('.'));
        Path stored = archive.root().resolve(study).resolve(series).resolve(sop + ".dcm");
        assertThat(ReceivedObjects.pixelData(file, work)).isEqualTo(ReceivedObjects.pixelData(stored, work));
    }

    /** getscu's output with the responses' command sets (-d). */
    private String getscu(Path received, List<String> options, String... keys) throws Exception {
        assertThat(Path.of("/usr/bin/getscu")).as("dcmtk's getscu").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/getscu", "-d", "-aet", "GETSCU", "-aec", "RISPACS",
                "-od", received.toString()));
        command.addAll(options);
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.addAll(List.of("127.0.0.1", String.valueOf(dicom.port())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static Path folder() throws Exception {
        return Files.createDirectories(work.resolve("get-" + UUID.randomUUID()));
    }



    private static String sha256(List<String> hexItems) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        hexItems.forEach(item -> digest.update(HexFormat.of().parseHex(item)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String uidIn(String dump) {
        int open = dump.indexOf('[');
        return dump.substring(open + 1, dump.indexOf(']', open));
    }
}
