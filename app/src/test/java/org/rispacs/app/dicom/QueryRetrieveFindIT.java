package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Query/Retrieve C-FIND as a workstation sends it (dcmtk's findscu, Study Root and Patient Root):
 * three studies stored by storescu, one matched to its order, are found at each level from the
 * archive's read model with the registered identity (in the narrowest character set); a query
 * matching more than the configured maximum is refused with 0xA700 before any answer; a level the
 * model lacks is refused; and the patients named to the calling AE are in their audit timeline.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveFindIT extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESULTS = 2;

    @Autowired
    DicomServer dicom;

    @TempDir
    static Path work;

    private PatientIdentifier patient;
    private String matched;
    private String other;

    @DynamicPropertySource
    static void smallLimit(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.query-max-results", () -> String.valueOf(MAX_RESULTS));
    }

    @BeforeAll
    void threeStudiesAreStored() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "qr-it");
        patient = department.patient("Müller", "Anna");
        String accession = department.accessionOf(department.order(patient, "CT"));
        matched = uid();
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "MULLER^ANNA", "19700102", accession, "CT",
                "20261201", "CT chest");
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, exam, matched, matched + ".1", 1, 2, 16));
        Eventually.event(eventStore, matched, StudyMatchedToOrderEvent.class);
        other = uid();
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, new TestImages.Exam("P-QR-OTHER", "HOSP",
                "Other^Olga", "19800101", "NOSUCHORDER1", "MR", "20261202", "MR head"), other, other + ".1", 1, 1, 16));
        String third = uid();
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, new TestImages.Exam("P-QR-THIRD", "HOSP",
                "Third^Theo", "19900101", "NOSUCHORDER2", "CT", "20261203", "CT knee"), third, third + ".1", 1, 1, 16));
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Attributes> found = find("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + matched,
                    "PatientName", "NumberOfStudyRelatedInstances");
            assertThat(found).hasSize(1);
            assertThat(found.get(0).getString(Tags.PatientName)).isEqualTo("Müller^Anna");
            assertThat(found.get(0).getString(Tags.NumberOfStudyRelatedInstances)).isEqualTo("2");
            assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + third)).hasSize(1);
        });
    }

    @Test
    void studiesAreFoundWithTheRegisteredIdentityAndOnlyTheKeysAskedFor() throws Exception {
        List<Attributes> found = find("-S", "QueryRetrieveLevel=STUDY", "PatientID=" + patient.id(),
                "PatientName", "IssuerOfPatientID", "StudyInstanceUID", "StudyDate", "AccessionNumber",
                "ModalitiesInStudy", "NumberOfStudyRelatedSeries", "PhysiciansOfRecord");

        assertThat(found).hasSize(1);
        Attributes study = found.get(0);
        assertThat(study.getString(Tags.StudyInstanceUID)).isEqualTo(matched);
        assertThat(study.getString(Tags.PatientName)).isEqualTo("Müller^Anna");
        assertThat(study.getString(Tags.IssuerOfPatientID)).isEqualTo("HOSP");
        assertThat(study.getStrings(Tags.SpecificCharacterSet)).as("the narrowest set the answer needs")
                .containsExactly("ISO_IR 100");
        assertThat(study.getString(Tags.StudyDate)).isEqualTo("20261201");
        assertThat(study.getString(Tags.ModalitiesInStudy)).isEqualTo("CT");
        assertThat(study.getString(Tags.NumberOfStudyRelatedSeries)).isEqualTo("1");
        assertThat(study.getString(Tags.QueryRetrieveLevel)).isEqualTo("STUDY");
        assertThat(study.getString(Tags.RetrieveAETitle)).isEqualTo("RISPACS");
        assertThat(study.contains(Tags.PhysiciansOfRecord)).as("asked for, not held: returned empty").isTrue();
        assertThat(study.getString(Tags.PhysiciansOfRecord)).isNull();
        assertThat(study.contains(Tags.StudyDescription)).as("not asked for").isFalse();

        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "PatientName=m*ller*", "StudyDate=20261201-20261201"))
                .hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + matched + "\\" + other))
                .hasSize(2);
    }

    @Test
    void seriesAndImagesAreFoundUnderTheirStudy() throws Exception {
        List<Attributes> series = find("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + matched,
                "SeriesInstanceUID", "Modality", "NumberOfSeriesRelatedInstances");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).getString(Tags.SeriesInstanceUID)).isEqualTo(matched + ".1");
        assertThat(series.get(0).getString(Tags.Modality)).isEqualTo("CT");
        assertThat(series.get(0).getString(Tags.NumberOfSeriesRelatedInstances)).isEqualTo("2");

        List<Attributes> images = find("-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + matched,
                "SeriesInstanceUID=" + matched + ".1", "SOPInstanceUID", "InstanceNumber");
        assertThat(images).extracting(image -> image.getString(Tags.SOPInstanceUID))
                .containsExactlyInAnyOrder(matched + ".1.1", matched + ".1.2");
    }

    @Test
    void patientRootFindsThePatientWithItsStudyCount() throws Exception {
        List<Attributes> patients = find("-P", "QueryRetrieveLevel=PATIENT", "PatientID=P-QR-OTHER",
                "PatientName", "NumberOfPatientRelatedStudies");
        assertThat(patients).hasSize(1);
        assertThat(patients.get(0).getString(Tags.PatientName)).isEqualTo("Other^Olga");
        assertThat(patients.get(0).getString(Tags.NumberOfPatientRelatedStudies)).isEqualTo("1");
    }

    @Test
    void aQueryMatchingMoreThanTheLimitIsRefusedNamingItBeforeAnyAnswer() throws Exception {
        Path out = Files.createDirectories(work.resolve("broad-" + UUID.randomUUID()));
        String output = findscu(out, "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID");
        // the final response's status, as findscu -d dumps it
        assertThat(output).contains("DIMSE Status                  : 0xa700");
        try (Stream<Path> answers = Files.list(out)) {
            assertThat(answers.toList()).as("no answer before the refusal").isEmpty();
        }
    }

    @Test
    void aLevelTheModelLacksOrAKeyBelowTheLevelIsRefused() throws Exception {
        Path out = Files.createDirectories(work.resolve("bad-" + UUID.randomUUID()));
        assertThat(findscu(out, "-S", "QueryRetrieveLevel=PATIENT", "PatientID=" + patient.id()))
                .contains("DIMSE Status                  : 0xa900");
        assertThat(findscu(out, "-S", "QueryRetrieveLevel=STUDY", "SOPInstanceUID=" + matched + ".1.1"))
                .contains("DIMSE Status                  : 0xc000");
        try (Stream<Path> answers = Files.list(out)) {
            assertThat(answers.toList()).isEmpty();
        }
    }

    @Test
    void thePatientsNamedToTheWorkstationAreInTheirAuditTimeline() throws Exception {
        find("-S", "QueryRetrieveLevel=STUDY", "PatientID=" + patient.id(), "PatientName");
        JsonNode timeline = Eventually.eventually(() -> TestApi.client(port).get()
                        .uri("/api/audit/timeline?size=1000&actor=dicom:QRSCU&patient=" + patient)
                        .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class),
                entries -> entries.size() > 0);
        JsonNode view = timeline.get(0);
        assertThat(view.path("type").asText()).isEqualTo("PatientDataViewedEvent");
        assertThat(view.path("channel").asText()).isEqualTo("dicom");
        assertThat(JSON.readTree(view.path("payload").asText()).path("view").asText()).isEqualTo("dicom-find STUDY");
    }

    /** The answers findscu received, read from the files it wrote (-X). */
    private List<Attributes> find(String model, String... keys) throws Exception {
        Path out = Files.createDirectories(work.resolve("find-" + UUID.randomUUID()));
        String output = findscu(out, model, keys);
        assertThat(output).contains("DIMSE Status                  : 0x0000: Success");
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

    /** findscu's output with the responses' command sets (-d: the Error Comment); its exit code says little. */
    private String findscu(Path out, String model, String... keys) throws Exception {
        assertThat(Path.of("/usr/bin/findscu")).as("dcmtk's findscu").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/findscu", "-d", model, "-X", "-od", out.toString(),
                "-aet", "QRSCU", "-aec", "RISPACS"));
        for (String key : keys) {
            command.add("-k");
            command.add(key);
        }
        command.addAll(List.of("127.0.0.1", String.valueOf(dicom.port())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static String uid() {
        return "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    }
}
