package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.FreePort;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.app.support.WebSession;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Orthanc (Debian package), another PACS, as the Query/Retrieve SCU of ours: it declares us among
 * its DICOM modalities, finds a study of ours at study and series level (by patient id and by a
 * wildcard on the name) and has it moved to itself, and holds then every instance, with the
 * registered identity rather than the one the modality sent. Every request answered is counted
 * per calling AE and kind in the interface health, those that matched nothing too, which are on
 * no patient's audit timeline.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrthancQueryRetrieveIT extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    private static final String ORTHANC_AE = "ORTHANC";
    private static final int ORTHANC_DICOM_PORT = FreePort.next();
    private static final String WORKSTATION = "QRCOUNT";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @Autowired
    DicomServer dicom;

    @TempDir
    static Path work;

    private Process orthanc;
    private RestClient rest;
    private PatientIdentifier patient;
    private String study;

    @DynamicPropertySource
    static void orthancAsMoveDestination(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.peers.ORTHANC.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.ORTHANC.port", () -> String.valueOf(ORTHANC_DICOM_PORT));
    }

    @BeforeAll
    void aStudyIsStoredWithUsAndOrthancDeclaresUs() throws Exception {
        assertThat(ORTHANC).as("Orthanc (Debian package orthanc)").isExecutable();
        TestDepartment department = new TestDepartment(commands, eventStore, "orthanc-qr-it");
        patient = department.patient("Quast" + RUN, "Renée");
        String accession = department.accessionOf(department.order(patient, "CT"));
        study = TestDepartment.newStudyUid();
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "QUAST" + RUN + "^RENEE", "19700102",
                accession, "CT", "20261207", "CT head");
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, exam, study, study + ".1", 1, 2, 16));
        TestImages.store(dicom.port(), "CT1", TestImages.series(work, exam, study, study + ".2", 2, 1, 16));
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        // the archive read model has the three instances with the registered identity
        Eventually.patiently().untilAsserted(() -> assertThat(DcmtkTools.run("findscu", "-S", "-aet", "SETUP",
                "-aec", "RISPACS", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study,
                "-k", "PatientName", "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", String.valueOf(dicom.port())))
                .contains("[3 ]").contains("Quast" + RUN + "^Ren"));

        int httpPort = FreePort.next();
        Path storage = Files.createDirectories(work.resolve("orthanc"));
        Path config = work.resolve("orthanc.json");
        Files.writeString(config, JSON.writeValueAsString(Map.of(
                "Name", "ris-qr-it", "StorageDirectory", storage.toString(), "IndexDirectory", storage.toString(),
                "HttpPort", httpPort, "DicomPort", ORTHANC_DICOM_PORT, "DicomAet", ORTHANC_AE,
                "RemoteAccessAllowed", false, "AuthenticationEnabled", false, "Plugins", List.of(),
                "DicomModalities", Map.of("ris", List.of("RISPACS", "127.0.0.1", dicom.port())))));
        orthanc = new ProcessBuilder(ORTHANC.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("orthanc.log").toFile()).start();
        rest = RestClient.builder().baseUrl("http://127.0.0.1:" + httpPort).build();
        Eventually.eventually(() -> assertThat(rest.get().uri("/system").retrieve().body(JsonNode.class)
                .get("DicomAet").asText()).isEqualTo(ORTHANC_AE));
    }

    @AfterAll
    void stopOrthanc() throws InterruptedException {
        if (orthanc != null) {
            orthanc.destroy();
            orthanc.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void orthancFindsTheStudyByPatientIdAndByNameWithTheRegisteredIdentity() {
        String byId = query("Study", Map.of("PatientID", patient.id(), "PatientName", "", "StudyInstanceUID", "",
                "AccessionNumber", "", "NumberOfStudyRelatedInstances", ""));
        assertThat(answers(byId)).hasSize(1);
        JsonNode answer = content(byId, 0);
        assertThat(answer.path("StudyInstanceUID").asText()).as(answer.toString()).isEqualTo(study);
        assertThat(answer.path("PatientName").asText()).isEqualTo("Quast" + RUN + "^Renée");
        assertThat(answer.path("PatientID").asText()).isEqualTo(patient.id());
        assertThat(answer.path("NumberOfStudyRelatedInstances").asText().strip()).isEqualTo("3");

        String byName = query("Study", Map.of("PatientName", "quast" + RUN.toLowerCase() + "*",
                "StudyInstanceUID", "", "PatientID", ""));
        assertThat(answers(byName)).hasSize(1);
        assertThat(content(byName, 0).path("StudyInstanceUID").asText()).isEqualTo(study);
        assertThat(content(byName, 0).path("PatientName").asText()).isEqualTo("Quast" + RUN + "^Renée");

        JsonNode series = rest.post().uri("/queries/" + byId + "/answers/0/query-series")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()).retrieve().body(JsonNode.class);
        String seriesQuery = series.get("ID").asText();
        List<String> seriesUids = new ArrayList<>();
        for (JsonNode index : answers(seriesQuery)) {
            seriesUids.add(content(seriesQuery, index.asInt()).path("SeriesInstanceUID").asText());
        }
        assertThat(seriesUids).containsExactlyInAnyOrder(study + ".1", study + ".2");
    }

    @Test
    @Order(2)
    void orthancMovesTheStudyToItselfAndHoldsEveryInstanceWithTheRegisteredIdentity() {
        String byId = query("Study", Map.of("PatientID", patient.id(), "StudyInstanceUID", ""));
        assertThat(answers(byId)).hasSize(1);
        JsonNode job = rest.post().uri("/queries/" + byId + "/retrieve").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("TargetAet", ORTHANC_AE, "Synchronous", true)).retrieve().body(JsonNode.class);

        JsonNode studies = Eventually.eventually(() -> rest.get().uri("/studies?expand").retrieve()
                .body(JsonNode.class), list -> list.size() == 1);
        assertThat(studies.get(0).path("MainDicomTags").path("StudyInstanceUID").asText()).as(String.valueOf(job))
                .isEqualTo(study);
        assertThat(studies.get(0).path("PatientMainDicomTags").path("PatientName").asText())
                .as("the registered identity, not the one received").isEqualTo("Quast" + RUN + "^Renée");
        assertThat(studies.get(0).path("PatientMainDicomTags").path("PatientID").asText()).isEqualTo(patient.id());
        JsonNode instances = Eventually.eventually(() -> rest.get().uri("/instances").retrieve()
                .body(JsonNode.class), list -> list.size() == 3);
        List<String> sops = new ArrayList<>();
        for (JsonNode id : instances) {
            JsonNode tags = rest.get().uri("/instances/" + id.asText() + "/simplified-tags").retrieve()
                    .body(JsonNode.class);
            assertThat(tags.path("PatientName").asText()).isEqualTo("Quast" + RUN + "^Renée");
            assertThat(tags.path("IssuerOfPatientID").asText()).isEqualTo(patient.issuer());
            sops.add(tags.path("SOPInstanceUID").asText());
        }
        assertThat(sops).containsExactlyInAnyOrder(study + ".1.1", study + ".1.2", study + ".2.1");
    }

    @Test
    @Order(3)
    void orthancsQueryOfAnUnknownPatientIsAnsweredWithNothingAndOnNoPatientsTimeline() {
        List<JsonNode> namingPatients = namingPatients(timelineOf(ORTHANC_AE, 1));

        String nobody = query("Study", Map.of("PatientID", "NOBODY-" + RUN, "StudyInstanceUID", ""));
        assertThat(answers(nobody)).isEmpty();

        // the request is recorded (one more entry of Orthanc's), but naming no patient
        JsonNode after = timelineOf(ORTHANC_AE, namingPatients.size() + 1);
        JsonNode last = after.get(after.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("PatientDataViewedEvent");
        assertThat(last.path("patients")).isEmpty();
        assertThat(namingPatients(after)).isEqualTo(namingPatients);
        assertThat(TestApi.client(port).get().uri("/api/audit/timeline?size=1000&patient=NOBODY-" + RUN + "^^^HOSP")
                .retrieve().body(JsonNode.class)).isEmpty();
    }

    @Test
    @Order(4)
    void everyRequestIsCountedPerCallingAeAndKindMatchedOrNot() throws Exception {
        assertThat(findscu("PatientID=" + patient.id())).as("answers").hasSize(1);
        assertThat(findscu("PatientID=NOBODY-" + RUN)).as("answers").isEmpty();
        assertThat(movescu("StudyInstanceUID=2.25.404" + Math.abs(UUID.randomUUID().getMostSignificantBits())))
                .contains("DIMSE Status                  : 0x0000: Success");

        // Orthanc: by id, by name, the series, the move's own query, the unknown patient; then its move
        JsonNode orthancFinds = Eventually.eventually(() -> counted(ORTHANC_AE, "find"),
                counter -> counter != null && counter.get("requests").asLong() == 5);
        assertThat(orthancFinds.get("withoutPatients").asLong()).isEqualTo(1);
        assertThat(orthancFinds.get("lastRequestAt").asText()).isNotBlank();
        JsonNode orthancMoves = counted(ORTHANC_AE, "move");
        assertThat(orthancMoves.get("requests").asLong()).isEqualTo(1);
        assertThat(orthancMoves.get("withoutPatients").asLong()).isZero();

        JsonNode finds = Eventually.eventually(() -> counted(WORKSTATION, "find"),
                counter -> counter != null && counter.get("requests").asLong() == 2);
        assertThat(finds.get("withoutPatients").asLong()).isEqualTo(1);
        JsonNode moves = Eventually.eventually(() -> counted(WORKSTATION, "move"), counter -> counter != null);
        assertThat(moves.get("requests").asLong()).isEqualTo(1);
        assertThat(moves.get("withoutPatients").asLong()).as("a study we do not hold").isEqualTo(1);
        assertThat(counted("SETUP", "find").get("requests").asLong()).isPositive();

        WebSession browser = new WebSession(port);
        browser.signIn(TestApi.USER, TestApi.PASSWORD);
        String page = browser.get("/interfaces").body();
        Matcher row = Pattern.compile("data-caller=\"" + ORTHANC_AE + "\" data-kind=\"find\">.*?"
                + "<td class=\"requests\">(\\d+)</td>\\s*<td class=\"without-patients\">(\\d+)</td>",
                Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("the page lists Orthanc's finds").isTrue();
        assertThat(row.group(1)).isEqualTo("5");
        assertThat(row.group(2)).isEqualTo("1");
    }

    /** Orthanc's C-FIND to us at {@code level}; the id of its query. */
    private String query(String level, Map<String, String> keys) {
        JsonNode query = rest.post().uri("/modalities/ris/query").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("Level", level, "Query", keys)).retrieve().body(JsonNode.class);
        return query.get("ID").asText();
    }

    private JsonNode answers(String query) {
        return rest.get().uri("/queries/" + query + "/answers").retrieve().body(JsonNode.class);
    }

    private JsonNode content(String query, int answer) {
        return rest.get().uri("/queries/" + query + "/answers/" + answer + "/content?simplify").retrieve()
                .body(JsonNode.class);
    }

    /** The audit timeline of a calling AE, once it has at least {@code atLeast} entries. */
    private JsonNode timelineOf(String callingAeTitle, int atLeast) {
        return Eventually.eventually(() -> TestApi.client(port).get()
                .uri("/api/audit/timeline?size=1000&actor=dicom:" + callingAeTitle).retrieve().body(JsonNode.class),
                entries -> entries.size() >= atLeast);
    }

    private static List<JsonNode> namingPatients(JsonNode timeline) {
        List<JsonNode> entries = new ArrayList<>();
        timeline.forEach(entry -> {
            if (!entry.path("patients").isEmpty()) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** The interface health's counter of one calling AE and kind, as the REST API shows it; null if none. */
    private JsonNode counted(String callingAeTitle, String kind) {
        JsonNode health = TestApi.client(port).get().uri("/api/interfaces/health").retrieve().body(JsonNode.class);
        for (JsonNode counter : health.get("queryRetrieveRequests")) {
            if (counter.get("callingAeTitle").asText().equals(callingAeTitle)
                    && counter.get("kind").asText().equals(kind)) {
                return counter;
            }
        }
        return null;
    }

    /** The answers of a study level C-FIND, as the files findscu wrote them (-X). */
    private List<Path> findscu(String key) throws Exception {
        Path out = Files.createDirectories(work.resolve("find-" + UUID.randomUUID()));
        String output = run(List.of("/usr/bin/findscu", "-d", "-S", "-X", "-od", out.toString(), "-aet", WORKSTATION,
                "-aec", "RISPACS", "-k", "QueryRetrieveLevel=STUDY", "-k", key, "-k", "StudyInstanceUID"));
        assertThat(output).contains("DIMSE Status                  : 0x0000: Success");
        try (Stream<Path> files = Files.list(out)) {
            return files.toList();
        }
    }

    /** A C-MOVE to Orthanc of a study we do not hold: answered, with nothing to send. */
    private String movescu(String key) throws Exception {
        return run(List.of("/usr/bin/movescu", "-d", "-S", "-aet", WORKSTATION, "-aec", "RISPACS",
                "-aem", ORTHANC_AE, "-k", "QueryRetrieveLevel=STUDY", "-k", key));
    }

    private String run(List<String> tool) throws Exception {
        assertThat(Path.of(tool.get(0))).as("dcmtk's " + tool.get(0)).isExecutable();
        List<String> command = new ArrayList<>(tool);
        command.addAll(List.of("127.0.0.1", String.valueOf(dicom.port())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
