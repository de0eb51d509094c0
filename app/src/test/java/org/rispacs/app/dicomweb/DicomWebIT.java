package org.rispacs.app.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DICOMweb as a client meets it: a study sent by storescu (two CT slices and a JPEG-lossless
 * one) and matched to its order is found with QIDO-RS, retrieved with WADO-RS — objects, metadata,
 * frames, rendered images — by curl, and new instances arrive with STOW-RS. Objects and answers
 * carry the registered patient's identity, not the modality's spelling (IHE PIR), and pixel data
 * and frames are the stored bytes as dcmtk reads them from the archive's file.
 */
@Tag("dcmtk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebIT extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DICOM_JSON = "application/dicom+json";
    private static final String ANY_DICOM = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    private static final String ANY_FRAMES = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;

    @TempDir
    static Path work;

    private Curl curl;
    private PatientIdentifier patient;
    private String accession;
    private String study;
    private String ctSeries;
    private String jpegSeries;
    private String root;

    @BeforeAll
    void aStudyIsAcquiredAndMatched() throws Exception {
        curl = new Curl(TestApi.USER, TestApi.PASSWORD, work);
        root = "http://127.0.0.1:" + port + "/dicomweb";
        TestDepartment department = new TestDepartment(commands, eventStore, "dicomweb-it");
        patient = department.patient("Müller", "Anna");
        String orderId = department.order(patient, "CT");
        accession = department.accessionOf(orderId);
        study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        ctSeries = study + ".1";
        jpegSeries = study + ".2";
        // the modality's spelling: upper case, no umlaut, no issuer
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "MULLER^ANNA", "19700102", accession, "CT",
                "20261201", "CT chest");
        List<Path> files = new ArrayList<>(TestImages.series(work, exam, study, ctSeries, 1, 2, 64));
        Path plain = TestImages.series(work, exam, study, jpegSeries, 2, 1, 64).get(0);
        TestImages.store(dicom.port(), "CT1", files);
        TestImages.storeLossless(dicom.port(), "CT1", List.of(TestImages.jpegLossless(plain)));
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        // the archive read model has all three instances and the registered identity (the match applied)
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode found = studies("StudyInstanceUID=" + study);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(3);
            assertThat(found.get(0).get("00100010").get("Value").get(0).get("Alphabetic").asText())
                    .isEqualTo("Müller^Anna");
        });
    }

    @Test
    void qidoFindsTheStudyByEachMatchingFormWithTheRegisteredIdentity() throws Exception {
        JsonNode found = studies("PatientID=" + patient.id()).get(0);
        assertThat(value(found, "0020000D")).isEqualTo(study);
        assertThat(found.get("00100010").get("Value").get(0).get("Alphabetic").asText()).isEqualTo("Müller^Anna");
        assertThat(value(found, "00100020")).isEqualTo(patient.id());
        assertThat(value(found, "00080050")).isEqualTo(accession);
        assertThat(value(found, "00080020")).isEqualTo("20261201");
        assertThat(found.get("00080061").get("Value").toString()).contains("CT");
        assertThat(found.get("00201206").get("Value").get(0).asInt()).isEqualTo(2);
        assertThat(found.get("00201208").get("Value").get(0).asInt()).isEqualTo(3);
        assertThat(value(found, "00081190")).isEqualTo(root + "/studies/" + study);

        assertThat(studies("PatientName=m%C3%BCller*&PatientID=" + patient.id())).hasSize(1);
        assertThat(studies("PatientName=MULLER*&PatientID=" + patient.id())).hasSize(1);
        assertThat(studies("PatientName=ann&fuzzymatching=true&PatientID=" + patient.id())).hasSize(1);
        assertThat(studies("StudyDate=20261130-20261202&PatientID=" + patient.id())).hasSize(1);
        assertThat(studies("StudyDate=20261202-&PatientID=" + patient.id())).isEmpty();
        assertThat(studies("ModalitiesInStudy=CT&AccessionNumber=" + accession)).hasSize(1);
        assertThat(studies("StudyInstanceUID=1.2.3," + study)).hasSize(1);
        assertThat(studies("00100020=" + patient.id() + "&includefield=00081030,StudyTime")).hasSize(1);

        Curl.Response series = curl.get(root + "/studies/" + study + "/series", DICOM_JSON);
        assertThat(series.status()).isEqualTo(200);
        JsonNode seriesList = JSON.readTree(series.body());
        assertThat(seriesList).hasSize(2);
        assertThat(value(seriesList.get(0), "0020000E")).isEqualTo(ctSeries);
        assertThat(seriesList.get(0).get("00201209").get("Value").get(0).asInt()).isEqualTo(2);
        JsonNode instances = JSON.readTree(curl.get(root + "/studies/" + study + "/series/" + ctSeries
                + "/instances", DICOM_JSON).body());
        assertThat(instances).hasSize(2);
        assertThat(instances.get(0).get("00200013").get("Value").get(0).asInt()).isEqualTo(1);
        assertThat(instances.get(0).get("00280010").get("Value").get(0).asInt()).isEqualTo(64);
    }

    @Test
    void qidoRefusesWhatItCannotAnswerNamingWhy() throws Exception {
        Curl.Response unknown = curl.get(root + "/studies?NoSuchKeyword=1", DICOM_JSON);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("NoSuchKeyword");
        Curl.Response tooMany = curl.get(root + "/studies?limit=5000", DICOM_JSON);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text()).contains("1000");
        assertThat(curl.get(root + "/studies", "multipart/related; type=\"application/dicom+xml\"").status())
                .isEqualTo(406);
        Curl anonymous = new Curl("nobody", "wrong", work);
        assertThat(anonymous.get(root + "/studies", DICOM_JSON).status()).isEqualTo(401);
    }

    @Test
    void wadoRetrievesTheStudyAsStoredButWithTheRegisteredIdentity() throws Exception {
        Curl.Response response = curl.get(root + "/studies/" + study, ANY_DICOM);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).contains("multipart/related").contains("application/dicom");
        List<Curl.Part> parts = response.parts();
        assertThat(parts).hasSize(3);
        for (Curl.Part part : parts) {
            assertThat(part.headers().get("content-type")).startsWith("application/dicom");
            Path retrieved = Files.write(work.resolve(UUID.randomUUID() + ".dcm"), part.body());
            String dump = DcmtkTools.run("dcmdump", "+L", retrieved.toString());
            assertThat(dump).contains("[" + patient.id() + "]").contains("OriginalAttributesSequence")
                    .contains("[MULLER^ANNA]").contains("ModifiedAttributesSequence");
            assertThat(dump).containsPattern("\\(0010,0010\\) PN \\[M.{1,2}ller\\^Anna\\]");
            String sop = uidIn(DcmtkTools.run("dcmdump", "+P", "0008,0018", retrieved.toString()));
            String series = sop.startsWith(jpegSeries + ".") ? jpegSeries : ctSeries;
            Path stored = archive.root().resolve(study).resolve(series).resolve(sop + ".dcm");
            assertThat(pixelData(retrieved)).isEqualTo(pixelData(stored));
        }
    }

    @Test
    void metadataIsTheHeaderWithBulkDataUrisAndTheRegisteredIdentity() throws Exception {
        Curl.Response response = curl.get(root + "/studies/" + study + "/series/" + ctSeries + "/metadata",
                "application/dicom+json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith(DICOM_JSON);
        JsonNode metadata = JSON.readTree(response.body());
        assertThat(metadata).hasSize(2);
        JsonNode first = metadata.get(0);
        assertThat(first.get("00100010").get("Value").get(0).get("Alphabetic").asText()).isEqualTo("Müller^Anna");
        assertThat(first.get("04000561").get("Value").get(0).toString()).contains("MULLER^ANNA");
        String pixels = first.get("7FE00010").get("BulkDataURI").asText();
        assertThat(pixels).startsWith(root + "/studies/" + study + "/series/" + ctSeries + "/instances/");
        Curl.Response bulk = curl.get(pixels, ANY_FRAMES);
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.parts()).hasSize(1);
        assertThat(bulk.parts().get(0).body()).hasSize(64 * 64 * 2);
    }

    @Test
    void framesAreTheStoredPixelDataByteForByte() throws Exception {
        String nativeInstance = ctSeries + ".1";
        Curl.Response frames = curl.get(root + "/studies/" + study + "/series/" + ctSeries + "/instances/"
                + nativeInstance + "/frames/1", ANY_FRAMES);
        assertThat(frames.status()).isEqualTo(200);
        Curl.Part frame = frames.parts().get(0);
        assertThat(frame.headers().get("content-type")).contains("application/octet-stream")
                .contains("transfer-syntax=1.2.840.10008.1.2.1");
        assertThat(frame.body()).isEqualTo(pixelData(archive.root().resolve(study).resolve(ctSeries)
                .resolve(nativeInstance + ".dcm")));

        String jpegInstance = jpegSeries + ".1";
        Curl.Response compressed = curl.get(root + "/studies/" + study + "/series/" + jpegSeries + "/instances/"
                + jpegInstance + "/frames/1", ANY_FRAMES);
        assertThat(compressed.status()).isEqualTo(200);
        Curl.Part jpeg = compressed.parts().get(0);
        assertThat(jpeg.headers().get("content-type")).contains("image/jpeg")
                .contains("transfer-syntax=1.2.840.10008.1.2.4.70");
        Path stored = archive.root().resolve(study).resolve(jpegSeries).resolve(jpegInstance + ".dcm");
        assertThat(jpeg.body()).isEqualTo(fragment(stored, 1));
        // octet-stream without transfer-syntax=* means uncompressed, which this archive does not transcode to
        assertThat(curl.get(root + "/studies/" + study + "/series/" + jpegSeries + "/instances/" + jpegInstance
                + "/frames/1", "multipart/related; type=\"application/octet-stream\"").status()).isEqualTo(406);
        assertThat(curl.get(root + "/studies/" + study + "/series/" + ctSeries + "/instances/" + nativeInstance
                + "/frames/2", ANY_FRAMES).status()).isEqualTo(404);
    }

    @Test
    void renderedAndThumbnailImagesShowTheWindowedSlice() throws Exception {
        String instance = root + "/studies/" + study + "/series/" + ctSeries + "/instances/" + ctSeries + ".1";
        Curl.Response png = curl.get(instance + "/rendered", "image/png");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.header("content-type")).startsWith("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(64);
        int dark = image.getRaster().getSample(0, 0, 0);
        int bright = image.getRaster().getSample(63, 63, 0);
        assertThat(bright - dark).as("the gradient across the window").isGreaterThan(200);
        Curl.Response thumbnail = curl.get(instance + "/thumbnail", "image/jpeg");
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body()))).isNotNull();
        assertThat(curl.get(instance + "/rendered", "image/gif").status()).isEqualTo(406);
    }

    @Test
    void unknownUidsAreNotFoundAndUnsupportedMediaTypesNotAcceptable() throws Exception {
        assertThat(curl.get(root + "/studies/1.2.3.4.5.6", ANY_DICOM).status()).isEqualTo(404);
        assertThat(curl.get(root + "/studies/" + study + "/series/1.2.3/metadata", DICOM_JSON).status())
                .isEqualTo(404);
        assertThat(curl.get(root + "/studies/" + study + "/series/" + ctSeries + "/instances/1.2.3", ANY_DICOM)
                .status()).isEqualTo(404);
        assertThat(curl.get(root + "/studies/" + study, "application/zip").status()).isEqualTo(406);
        assertThat(curl.get(root + "/studies/" + study, "multipart/related; type=\"application/dicom\"; "
                + "transfer-syntax=1.2.840.10008.1.2.4.50").status()).isEqualTo(406);
    }

    @Test
    void stowStoresAMultiInstanceBodyAsCStoreWouldAndAnswersWhatItKept() throws Exception {
        String stowStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam exam = new TestImages.Exam("P-STOW-" + stowStudy.substring(5, 12), "HOSP", "Stow^Sam",
                "19700102", "NOSUCHORDER", "CT", "20261205", "Outside study");
        List<Path> files = TestImages.series(work, exam, stowStudy, stowStudy + ".1", 1, 2, 32);
        Path body = multipart(files, "stow-boundary-1", true);

        Curl.Response response = curl.post(root + "/studies", "multipart/related; type=\"application/dicom\"; "
                + "boundary=stow-boundary-1", DICOM_JSON, body);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("00081199").get("Value")).hasSize(2);
        assertThat(answer.has("00081198")).isFalse();
        InstancesReceivedEvent received = Eventually.event(eventStore, stowStudy, InstancesReceivedEvent.class);
        assertThat(received.instances()).hasSize(2);
        assertThat(received.callingAeTitle()).isEqualTo("STOW-RS");
        for (Path file : files) {
            Path stored = archive.root().resolve(stowStudy).resolve(stowStudy + ".1").resolve(file.getFileName());
            assertThat(dataSet(stored)).isEqualTo(dataSet(file));
        }
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(studies("StudyInstanceUID=" + stowStudy)).hasSize(1));
    }

    @Test
    void aLongValueStaysInTheFileAndIsServedByItsBulkDataUri() throws Exception {
        String pdfStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String pdfClass = "1.2.840.10008.5.1.4.1.1.104.1";
        Attributes pdf = new Attributes();
        pdf.setString(Tags.SOPClassUID, VR.UI, pdfClass);
        pdf.setString(Tags.SOPInstanceUID, VR.UI, pdfStudy + ".1.1");
        pdf.setString(Tags.Modality, VR.CS, "DOC");
        pdf.setString(Tags.PatientID, VR.LO, "P-PDF-" + pdfStudy.substring(5, 12));
        pdf.setString(Tags.IssuerOfPatientID, VR.LO, "HOSP");
        pdf.setString(Tags.StudyInstanceUID, VR.UI, pdfStudy);
        pdf.setString(Tags.SeriesInstanceUID, VR.UI, pdfStudy + ".1");
        pdf.setString(Tags.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        byte[] document = new byte[100_000];
        new java.util.Random(7).nextBytes(document);
        pdf.setBytes(Tags.EncapsulatedDocument, VR.OB, document);
        Path file = work.resolve("report.pdf.dcm");
        try (var out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(DicomWriter.createFileMetaInformation(pdfClass, pdfStudy + ".1.1",
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "1.2.826.0.1.3680043.10.1", "TEST", "DOC"), pdf);
        }
        assertThat(curl.post(root + "/studies", "multipart/related; type=\"application/dicom\"; boundary=pdf",
                DICOM_JSON, multipart(List.of(file), "pdf", true)).status()).isEqualTo(200);
        Eventually.within(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(studies("StudyInstanceUID=" + pdfStudy)).hasSize(1));

        JsonNode metadata = JSON.readTree(curl.get(root + "/studies/" + pdfStudy + "/metadata", DICOM_JSON).body());
        String uri = metadata.get(0).get("00420011").get("BulkDataURI").asText();
        Curl.Response bulk = curl.get(uri, "multipart/related; type=\"application/octet-stream\"");
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.parts().get(0).body()).isEqualTo(document);
    }

    @Test
    void stowRefusesABrokenBodyAndKeepsNothing() throws Exception {
        String stowStudy = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam exam = new TestImages.Exam("P-BROKEN", "HOSP", "Broken^Body", "19700102", "NOSUCHORDER",
                "CT", "20261205", "Broken");
        List<Path> files = TestImages.series(work, exam, stowStudy, stowStudy + ".1", 1, 2, 32);
        Path cut = multipart(files, "stow-boundary-2", false);

        Curl.Response response = curl.post(root + "/studies", "multipart/related; type=\"application/dicom\"; "
                + "boundary=stow-boundary-2", DICOM_JSON, cut);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("nothing was stored");
        Curl.Response notDicom = curl.post(root + "/studies", "application/json", DICOM_JSON,
                Files.writeString(work.resolve("x.json"), "{}"));
        assertThat(notDicom.status()).isEqualTo(415);
        assertThat(archive.root().resolve(stowStudy)).doesNotExist();
        try (var journal = Files.list(archive.journal())) {
            assertThat(journal.filter(entry -> entry.toString().endsWith(".part")).toList()).isEmpty();
        }
        Eventually.within(Duration.ofSeconds(3)).during(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(eventStore.readEvents(stowStudy).asStream().toList()).isEmpty());
    }

    @Test
    void stowIntoAStudyRefusesInstancesOfAnotherStudy() throws Exception {
        String target = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String other = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        TestImages.Exam exam = new TestImages.Exam("P-OTHER", "HOSP", "Other^Study", "19700102", "NOSUCHORDER",
                "CT", "20261205", "Other");
        List<Path> files = TestImages.series(work, exam, other, other + ".1", 1, 1, 32);

        Curl.Response response = curl.post(root + "/studies/" + target, "multipart/related; "
                + "type=\"application/dicom\"; boundary=b3", DICOM_JSON, multipart(files, "b3", true));

        assertThat(response.status()).isEqualTo(409);
        JsonNode failed = JSON.readTree(response.body()).get("00081198").get("Value").get(0);
        assertThat(value(failed, "00081155")).isEqualTo(other + ".1.1");
        assertThat(failed.get("00081197").get("Value").get(0).asInt()).isPositive();
        assertThat(archive.root().resolve(other)).doesNotExist();
    }

    private JsonNode studies(String query) throws Exception {
        Curl.Response response = curl.get(root + "/studies?" + query, DICOM_JSON);
        assertThat(response.status()).as(query + ": " + response.text()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith(DICOM_JSON);
        return JSON.readTree(response.body());
    }

    /** The data set as dcmdump prints it, without the File Meta Information (the archive writes its own). */
    private static String dataSet(Path file) throws Exception {
        String dump = DcmtkTools.run("dcmdump", "+L", file.toString());
        return dump.substring(dump.indexOf("# Dicom-Data-Set"));
    }

    private static String value(JsonNode dataset, String tag) {
        return dataset.get(tag).get("Value").get(0).asText();
    }

    private static String uidIn(String dump) {
        int open = dump.indexOf('[');
        return dump.substring(open + 1, dump.indexOf(']', open));
    }

    /** The file's pixel data value as dcmtk's dcmdump writes it out (+W): item 0 when native. */
    private byte[] pixelData(Path file) throws Exception {
        return fragment(file, 0);
    }

    /** Item {@code index} of a file's pixel data as dcmdump +W writes it: 0 is the Basic Offset Table. */
    private byte[] fragment(Path file, int index) throws Exception {
        Path out = Files.createTempDirectory(work, "raw");
        DcmtkTools.run("dcmdump", "+W", out.toString(), file.toString());
        return Files.readAllBytes(out.resolve(file.getFileName() + "." + index + ".raw"));
    }

    /** A STOW-RS body of the files; without its closing delimiter when {@code whole} is false. */
    private Path multipart(List<Path> files, String boundary, boolean whole) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (whole) {
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return Files.write(work.resolve("stow-" + boundary + ".bin"), body.toByteArray());
    }
}
