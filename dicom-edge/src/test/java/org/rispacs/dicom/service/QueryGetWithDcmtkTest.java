package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.service.query.ArchiveRetrieval;
import org.rispacs.dicom.service.query.QueryGetService;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.web.CurrentIdentity;

/**
 * Our C-GET SCP against dcmtk's getscu: objects come back on getscu's own association in the
 * storage contexts it took the SCP role for, with the current identity, in the transfer syntax
 * they were stored in; an object with no such context fails and nothing is sent for it. getscu
 * shows neither the Failed SOP Instance UID List nor, as 3.6.7 proposes Explicit VR Little Endian
 * even with +xi, the re-encoding to Implicit VR: the application's C-GET IT checks both with
 * dcmjs-dimse.
 */
@Tag("dcmtk")
class QueryGetWithDcmtkTest {

    private static final String STUDY = "1.2.3.4.5.6";
    private static final String SERIES = "1.2.3.4.5.6.7";
    private static final CurrentIdentity CURRENT = new CurrentIdentity("P-NEW", "HOSP", "Current^Name", null, null,
            null);

    @TempDir
    Path work;

    private DicomServer server;
    private final List<ArchiveRetrieval.Instance> archived = new ArrayList<>();
    private final List<List<PatientIdentifier>> audited = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(work.resolve("in"));
        for (int i = 1; i <= 2; i++) {
            Path file = Dcmtk.ctImage(work.resolve("in"), "ct" + i, SERIES + "." + i, STUDY, SERIES, "A1", "P-OLD");
            archived.add(new ArchiveRetrieval.Instance(file, SERIES + "." + i, CURRENT,
                    new PatientIdentifier("P-NEW", "HOSP")));
        }
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8),
                List.of(new VerificationService(), new StorageService(new Archive(work.resolve("archive"),
                                "1.2.826.0.1.3680043.10.1", "RISPACS_TEST"), (association, instance) -> { }),
                        new QueryGetService(new ListedInstances(), 10, Duration.ofSeconds(30))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getscuReceivesTheStudyWithTheCurrentIdentityAndSeesTheCounts() throws Exception {
        Path received = Files.createDirectories(work.resolve("out"));
        Dcmtk.Result get = getscu(received, List.of(), "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + STUDY);

        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(get.output()).contains("Remaining Suboperations       : 1")
                .contains("Completed Suboperations       : 1").contains("Remaining Suboperations       : none")
                .contains("Completed Suboperations       : 2").contains("0x0000: Success");
        assertThat(list(received)).hasSize(2).allSatisfy(file -> {
            String dump = dump(file);
            assertThat(dump).contains("(0010,0010) PN [Current^Name]").contains("(0010,0020) LO [P-NEW]")
                    .contains("LittleEndianExplicit").contains("(7fe0,0010) OW 0001\\0002\\0003\\0004");
        });
        assertThat(audited).containsExactly(List.of(new PatientIdentifier("P-NEW", "HOSP")));
    }

    @Test
    void anImageLevelGetSendsThatInstanceOnly() throws Exception {
        Path received = Files.createDirectories(work.resolve("out"));
        Dcmtk.Result get = getscu(received, List.of("+B"), "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + STUDY,
                "SeriesInstanceUID=" + SERIES, "SOPInstanceUID=" + SERIES + ".2");

        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(list(received)).singleElement().satisfies(file -> assertThat(dump(file))
                .contains("(0008,0018) UI [" + SERIES + ".2]").contains("LittleEndianExplicit")
                .contains("(7fe0,0010) OW 0001\\0002\\0003\\0004").contains("[Current^Name]"));
    }

    @Test
    void aCompressedObjectWithoutAContextFailsAndIsListedWhileTheOthersArrive() throws Exception {
        Path compressed = work.resolve("in").resolve("ct1.jpll.dcm");
        Dcmtk.Result made = Dcmtk.run("dcmcjpeg", "+e1", archived.get(0).file().toString(), compressed.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        archived.set(0, new ArchiveRetrieval.Instance(compressed, SERIES + ".1", CURRENT, null));
        Path received = Files.createDirectories(work.resolve("out"));

        Dcmtk.Result get = getscu(received, List.of(), "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + STUDY,
                "SeriesInstanceUID=" + SERIES);

        assertThat(get.output()).contains("0xb000").contains("Failed Suboperations          : 1")
                .contains("Completed Suboperations       : 1");
        assertThat(list(received)).singleElement().satisfies(file -> assertThat(dump(file))
                .contains("(0008,0018) UI [" + SERIES + ".2]"));
    }

    @Test
    void anUnknownStudyIsASuccessWithNothingSent() throws Exception {
        archived.clear();
        Path received = Files.createDirectories(work.resolve("out"));
        Dcmtk.Result get = getscu(received, List.of(), "QueryRetrieveLevel=STUDY", "StudyInstanceUID=9.9.9");

        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(get.output()).contains("0x0000: Success").contains("Completed Suboperations       : 0");
        assertThat(list(received)).isEmpty();
        assertThat(audited).isEmpty();
    }

    @Test
    void aSeriesLevelGetWithoutTheSeriesIsRefusedWithNothingSent() throws Exception {
        Path received = Files.createDirectories(work.resolve("out"));
        Dcmtk.Result get = getscu(received, List.of(), "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + STUDY);

        assertThat(get.output()).contains("0xc000");
        assertThat(list(received)).isEmpty();
        assertThat(audited).isEmpty();
    }

    private Dcmtk.Result getscu(Path received, List<String> options, String... keys) throws Exception {
        List<String> command = new ArrayList<>(List.of("getscu", "-d", "-S", "-aet", "GETSCU", "-aec", "RISPACS",
                "-od", received.toString()));
        command.addAll(options);
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.addAll(List.of("127.0.0.1", String.valueOf(server.port())));
        return Dcmtk.run(command.toArray(String[]::new));
    }

    private static String dump(Path file) {
        try {
            Dcmtk.Result dump = Dcmtk.run("dcmdump", "+L", file.toString());
            assertThat(dump.exitCode()).as(dump.output()).isZero();
            return dump.output();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** The archive as the GET SCP sees it: the listed instances, matched by their keys. */
    private final class ListedInstances implements ArchiveRetrieval {

        @Override
        public List<Instance> instances(String level, Map<String, String> keys, int limit) {
            return archived.stream().filter(instance -> matches(instance, keys)).toList();
        }

        private boolean matches(Instance instance, Map<String, String> keys) {
            String sop = instance.sopInstanceUid();
            return STUDY.equals(keys.get("StudyInstanceUID"))
                    && (!keys.containsKey("SeriesInstanceUID") || sop.startsWith(keys.get("SeriesInstanceUID") + "."))
                    && (!keys.containsKey("SOPInstanceUID") || sop.equals(keys.get("SOPInstanceUID")));
        }

        @Override
        public Optional<InetSocketAddress> destination(String aeTitle) {
            return Optional.empty();
        }

        @Override
        public void retrieving(String callingAeTitle, String destinationAeTitle, List<PatientIdentifier> patients) {
            throw new AssertionError("a C-GET is no C-MOVE");
        }

        @Override
        public void getting(String callingAeTitle, List<PatientIdentifier> patients) {
            if (!patients.isEmpty()) {
                audited.add(patients);
            }
        }
    }
}
