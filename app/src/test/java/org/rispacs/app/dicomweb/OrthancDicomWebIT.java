package org.rispacs.app.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.FreePort;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Orthanc with its DICOMweb plugin (Debian orthanc-dicomweb), another PACS, declares our
 * {@code /dicomweb} as a DICOMweb server signed in with HTTP Basic: it finds a study of ours with
 * QIDO-RS, pulls it with WADO-RS, and the objects it then holds are those we stored, but for the
 * patient identity coerced to the registered one (IHE PIR); and it sends us one with STOW-RS.
 */
@Tag("dcmtk")
class OrthancDicomWebIT extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    private static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;

    @TempDir
    Path work;

    @Test
    void orthancQueriesRetrievesAndStoresThroughOurDicomWeb() throws Exception {
        assertThat(ORTHANC).as("Orthanc (Debian package orthanc)").isExecutable();
        assertThat(PLUGIN).as("Orthanc's DICOMweb plugin (Debian package orthanc-dicomweb)").exists();
        TestDepartment department = new TestDepartment(commands, eventStore, "orthanc-it");
        PatientIdentifier patient = department.patient("Zoë", "Smith");
        String accession = department.accessionOf(department.order(patient, "CT"));
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "ZOE^SMITH", "19700102", accession, "CT",
                "20261203", "CT abdomen");
        List<Path> sent = new ArrayList<>(TestImages.series(work, exam, study, study + ".1", 1, 2, 32));
        TestImages.store(dicom.port(), "CT1", sent);
        TestImages.storeLossless(dicom.port(), "CT1",
                List.of(TestImages.jpegLossless(TestImages.series(work, exam, study, study + ".2", 2, 1, 32).get(0))));
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        // our archive read model has all three instances and the registered identity (the match applied)
        Eventually.eventually(() -> TestApi.client(port).get().uri("/dicomweb/studies?StudyInstanceUID=" + study)
                .accept(MediaType.parseMediaType("application/dicom+json")).retrieve().body(JsonNode.class),
                answer -> answer.size() == 1 && answer.get(0).path("00201208").path("Value").path(0).asInt() == 3
                        && answer.get(0).path("00100010").path("Value").path(0).path("Alphabetic").asText()
                        .equals("Zoë^Smith"));

        int httpPort = FreePort.next();
        Path storage = Files.createDirectories(work.resolve("orthanc"));
        Path config = work.resolve("orthanc.json");
        Files.writeString(config, JSON.writeValueAsString(Map.of(
                "Name", "ris-dicomweb-it", "StorageDirectory", storage.toString(),
                "IndexDirectory", storage.toString(), "HttpPort", httpPort, "DicomPort", FreePort.next(),
                "RemoteAccessAllowed", false, "AuthenticationEnabled", false,
                "Plugins", List.of(PLUGIN.toString()),
                "DicomWeb", Map.of("Enable", true, "Servers", Map.of("ris", Map.of(
                        "Url", "http://127.0.0.1:" + port + "/dicomweb/",
                        "Username", TestApi.USER, "Password", TestApi.PASSWORD))))));
        Process orthanc = new ProcessBuilder(ORTHANC.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("orthanc.log").toFile()).start();
        try {
            RestClient rest = RestClient.builder().baseUrl("http://127.0.0.1:" + httpPort).build();
            Eventually.eventually(() -> assertThat(rest.get().uri("/system").retrieve().body(JsonNode.class)
                    .get("Name").asText()).isEqualTo("ris-dicomweb-it"));

            JsonNode found = Eventually.eventually(() -> rest.post().uri("/dicom-web/servers/ris/qido")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("Uri", "/studies", "Arguments", Map.of("PatientID", patient.id())))
                    .retrieve().body(JsonNode.class), answer -> answer.size() == 1);
            // Orthanc hands the answer on in its own simplified form: one string per attribute
            assertThat(found.get(0).path("0020000D").path("Value").asText()).as(found.toString())
                    .isEqualTo(study);
            assertThat(found.get(0).path("00100010").path("Value").asText()).isEqualTo("Zoë^Smith");
            assertThat(found.get(0).path("00080050").path("Value").asText()).isEqualTo(accession);

            rest.post().uri("/dicom-web/servers/ris/retrieve").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("Resources", List.of(Map.of("Study", study))))
                    .retrieve().body(JsonNode.class);
            JsonNode instances = Eventually.eventually(() -> rest.get().uri("/instances").retrieve()
                    .body(JsonNode.class), list -> list.size() == 3);
            for (JsonNode id : instances) {
                Path pulled = work.resolve(id.asText() + ".dcm");
                Files.write(pulled, rest.get().uri("/instances/" + id.asText() + "/file").retrieve()
                        .body(byte[].class));
                String sop = uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", pulled.toString()));
                String series = sop.startsWith(study + ".2.") ? study + ".2" : study + ".1";
                Path stored = archive.root().resolve(study).resolve(series).resolve(sop + ".dcm");
                assertThat(datasetLines(pulled)).as("all but the coerced identity")
                        .isEqualTo(datasetLines(stored));
                String pulledDump = DcmtkTools.run("dcmdump", "+L", pulled.toString());
                assertThat(pulledDump).contains("OriginalAttributesSequence").contains("[ZOE^SMITH]")
                        .contains("IssuerOfPatientID");
                assertThat(pixelData(pulled)).isEqualTo(pixelData(stored));
            }

            String stowStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
            Path outside = TestImages.series(work, new TestImages.Exam("P-ORTHANC", "HOSP", "Outside^Patient",
                    "19800101", "NOSUCHORDER", "CT", "20261204", "From Orthanc"), stowStudy, stowStudy + ".1", 1, 1,
                    16).get(0);
            JsonNode uploaded = rest.post().uri("/instances").contentType(MediaType.parseMediaType("application/dicom"))
                    .body(Files.readAllBytes(outside)).retrieve().body(JsonNode.class);
            rest.post().uri("/dicom-web/servers/ris/stow").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("Resources", List.of(uploaded.get("ID").asText())))
                    .retrieve().body(JsonNode.class);
            InstancesReceivedEvent received = Eventually.event(eventStore, stowStudy, InstancesReceivedEvent.class);
            assertThat(received.instances()).hasSize(1);
            Eventually.within(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    archive.root().resolve(stowStudy).resolve(stowStudy + ".1").resolve(stowStudy + ".1.1.dcm"))
                    .exists());
        } finally {
            orthanc.destroy();
            orthanc.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The data set as dcmdump prints it, but the attributes PIR coerces (patient name, issuer,
     * Original Attributes Sequence and its items) and the File Meta Information (each archive
     * writes its own).
     */
    private static List<String> datasetLines(Path file) throws Exception {
        List<String> kept = new ArrayList<>();
        int depth = 0;
        for (String line : DcmtkTools.run("dcmdump", "-q", "+L", file.toString()).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("(0400,0561)")) {
                depth = 1;
                continue;
            }
            if (depth > 0) {
                if (trimmed.startsWith("(fffe,e0dd)") && line.indexOf('(') == 0) {
                    depth = 0;
                }
                continue;
            }
            if (trimmed.startsWith("(0002,") || trimmed.startsWith("(0010,0010)")
                    || trimmed.startsWith("(0010,0021)") || trimmed.startsWith("(0008,0005)")
                    || trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            kept.add(trimmed);
        }
        return kept;
    }

    /** The pixel data's items as dcmdump +W writes them out (one when native; offset table and fragments if not). */
    private List<String> pixelData(Path file) throws Exception {
        Path out = Files.createTempDirectory(work, "raw");
        DcmtkTools.run("dcmdump", "+W", out.toString(), file.toString());
        List<String> items = new ArrayList<>();
        for (int item = 0; Files.exists(out.resolve(file.getFileName() + "." + item + ".raw")); item++) {
            Path raw = out.resolve(file.getFileName() + "." + item + ".raw");
            items.add(HexFormat.of().formatHex(Files.readAllBytes(raw)));
        }
        assertThat(items).as("pixel data of " + file).isNotEmpty();
        return items;
    }

    private static String uidIn(String dump) {
        int open = dump.indexOf('[');
        return dump.substring(open + 1, dump.indexOf(']', open));
    }
}
