package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.worklist.ModalityWorklistService;
import org.rispacs.dicom.service.worklist.WorklistSource;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;

/**
 * dcmtk's findscu querying the worklist SCP: what the matching keys reach the read model as, and
 * the return keys of PS3.4 Table K.6-1 it gets back with the order's values.
 */
@Tag("dcmtk")
class WorklistKeysWithDcmtkTest {

    private static final String STUDY_UID = "1.2.826.0.1.3680043.10.1.77";

    @TempDir
    Path work;

    private DicomServer server;
    private final List<WorklistCriteria> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8),
                List.of(new ModalityWorklistService(new OneOrder(), 1000)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyValueOfAListOfValuesReachesTheMatching() throws Exception {
        findscu(List.of(
                "(0008,0050) SH [ACC1\\ACC2]",
                "(0010,0010) PN [DOE^J*\\SMITH^ANNA]",
                "(0010,0020) LO [P1\\P2]",
                "(0040,1001) SH [RP1\\RP2]",
                "(0040,0100) SQ",
                "(fffe,e000) -",
                "(0008,0060) CS [MR\\US]",
                "(0040,0001) AE [MR1\\US1]",
                "(0040,0006) PN [WHO^DOCTOR\\HOUSE^G]",
                "(0040,0009) SH [SPS1\\SPS2]",
                "(0040,0020) CS [SCHEDULED\\STARTED]",
                "(fffe,e00d) -",
                "(fffe,e0dd) -"));

        assertThat(asked).hasSize(1);
        WorklistCriteria criteria = asked.get(0);
        assertThat(criteria.accessionNumber()).isEqualTo("ACC1\\ACC2");
        assertThat(criteria.patientName()).isEqualTo("DOE^J*\\SMITH^ANNA");
        assertThat(criteria.patientId()).isEqualTo("P1\\P2");
        assertThat(criteria.requestedProcedureId()).isEqualTo("RP1\\RP2");
        assertThat(criteria.modality()).isEqualTo("MR\\US");
        assertThat(criteria.scheduledStationAeTitle()).isEqualTo("MR1\\US1");
        assertThat(criteria.scheduledPerformingPhysicianName()).isEqualTo("WHO^DOCTOR\\HOUSE^G");
        assertThat(criteria.scheduledProcedureStepId()).isEqualTo("SPS1\\SPS2");
        assertThat(criteria.status()).isEqualTo("SCHEDULED\\STARTED");
    }

    @Test
    void theReturnKeysOfTableK61ComeBackWithTheOrdersValues() throws Exception {
        List<Attributes> answers = findscu(List.of(
                "(0008,0050) SH",
                "(0008,0090) PN",
                "(0008,1110) SQ",
                "(fffe,e0dd) -",
                "(0010,0010) PN",
                "(0010,0020) LO",
                "(0020,000d) UI",
                "(0032,1032) PN",
                "(0038,0010) LO",
                "(0038,0300) LO",
                "(0040,1001) SH",
                "(0040,1002) LO",
                "(0040,1003) SH",
                "(0040,2016) LO",
                "(0040,0100) SQ",
                "(fffe,e000) -",
                "(fffe,e00d) -",
                "(fffe,e0dd) -"));

        assertThat(answers).hasSize(1);
        Attributes answer = answers.get(0);
        assertThat(answer.getString(Tags.PlacerOrderNumberImagingServiceRequest)).isEqualTo("PLC-4711");
        assertThat(answer.getString(Tags.ReasonForTheRequestedProcedure)).isEqualTo("suspected fracture");
        assertThat(answer.getString(Tags.RequestingPhysician)).isEqualTo("WHO^JOHN");
        assertThat(answer.getString(Tags.ReferringPhysicianName)).isEqualTo("WHO^JOHN");
        assertThat(answer.getString(Tags.AdmissionID)).isEqualTo("V-0815");
        assertThat(answer.getString(Tags.CurrentPatientLocation)).isEqualTo("WARD3^12^B");
        Sequence studies = answer.getSequence(Tags.ReferencedStudySequence);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).getString(Tags.ReferencedSOPClassUID)).isEqualTo("1.2.840.10008.3.1.2.3.1");
        assertThat(studies.get(0).getString(Tags.ReferencedSOPInstanceUID)).isEqualTo(STUDY_UID);

        Attributes step = answer.getSequence(Tags.ScheduledProcedureStepSequence).get(0);
        assertThat(step.contains(Tags.ScheduledPerformingPhysicianName))
                .as("a required return key of the step, zero-length: no order names one").isTrue();
        assertThat(step.getStrings(Tags.ScheduledPerformingPhysicianName)).isEmpty();
        assertThat(step.getString(Tags.Modality)).isEqualTo("CR");
        assertThat(step.getString(Tags.ScheduledProcedureStepID)).isEqualTo("SPS1");
    }

    private List<Attributes> findscu(List<String> dumpLines) throws Exception {
        Path dump = work.resolve("query.dump");
        Files.writeString(dump, String.join("\n", dumpLines) + "\n", StandardCharsets.UTF_8);
        Path query = work.resolve("query.dcm");
        Dcmtk.Result made = Dcmtk.run("dump2dcm", dump.toString(), query.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        Path out = Files.createDirectories(work.resolve("answers"));
        Dcmtk.Result find = Dcmtk.run("findscu", "-W", "-X", "-od", out.toString(), "-aet", "MOD1", "-aec",
                "RISPACS", "127.0.0.1", String.valueOf(server.port()), query.toString());
        assertThat(find.exitCode()).as(find.output()).isZero();
        List<Attributes> answers = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
                    reader.readFileMetaInformation();
                    answers.add(reader.readDataset());
                }
            }
        }
        return answers;
    }

    /** One CR order with the placer's details and visit, whatever is asked; the criteria are kept. */
    private final class OneOrder implements WorklistSource {

        @Override
        public List<ModalityWorklistItem> find(WorklistCriteria criteria, int limit) {
            asked.add(criteria);
            return List.of(new ModalityWorklistItem("order-1", "DOE^JANE", "P1", "HOSP", LocalDate.of(1970, 1, 1),
                    "F", "ACC1", "RP1", "CR wrist", "P-CR", "LOCAL", "SPS1", LocalDateTime.of(2027, 3, 4, 9, 0), "CR",
                    "CR1", "CR room", "Radiology", "SCHEDULED", STUDY_UID, "WHO^JOHN", OrderPriority.ROUTINE,
                    "PLC-4711", "suspected fracture", "WHO^JOHN", "V-0815", "WARD3^12^B", null));
        }

        @Override
        public void served(String callingAeTitle, WorklistCriteria criteria, List<ModalityWorklistItem> items) {
            // nothing to record here
        }
    }
}
