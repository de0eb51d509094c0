package org.rispacs.app.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rispacs.app.support.Eventually.eventually;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.archive.ArchivedSeries;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.archive.FindArchivedStudyQuery;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.TestCommands;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the archive holds, searched as QIDO-RS searches it: objects made with dcmtk (img2dcm, then
 * dcmodify for the attributes) for two patients and three studies, sent by storescu, matched to
 * their orders or not, and found through the query gateway by every matching form; an HL7-style
 * merge shows the surviving identity. Also an {@code InstancesReceivedEvent} stored as revision 1
 * reads as revision 2 and is searchable.
 */
@Tag("dcmtk")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ArchiveSearchIT extends ApplicationTest {

    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    @Autowired
    DicomServer dicom;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path work;

    @Test
    void theArchiveIsFoundByEveryMatchingFormUnderEachStudysCurrentIdentity() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        PatientIdentifier mueller = new PatientIdentifier("A" + run, "HOSP");
        PatientIdentifier smith = new PatientIdentifier("B" + run, "HOSP");
        PatientIdentifier muellerAgain = new PatientIdentifier("C" + run, "HOSP");
        send(new RegisterPatientCommand(mueller, demographics("Müller", "Hans", LocalDate.of(1960, 3, 4), "M")));
        send(new RegisterPatientCommand(smith, demographics("Smith", "Ann", LocalDate.of(1971, 1, 2), "F")));
        send(new RegisterPatientCommand(muellerAgain, demographics("Mueller", "Hans", LocalDate.of(1960, 3, 4),
                "M")));
        String first = placeOrder(mueller, "M1" + run);
        String third = placeOrder(muellerAgain, "M3" + run);
        String s1 = uid();
        String s2 = uid();
        String s3 = uid();

        List<Path> files = new ArrayList<>();
        Map<String, String> study1 = Map.of("(0010,0010)", "MÜLLER^HANS", "(0010,0020)", mueller.id(),
                "(0010,0030)", "19600304", "(0010,0040)", "M", "(0008,0050)", "M1" + run, "(0008,0020)", "20261201",
                "(0008,0030)", "101500", "(0020,0010)", "S1", "(0008,1030)", "CT Schädel",
                "(0008,0090)", "House^Gregory");
        files.add(object("s1-1-1", study1, s1, s1 + ".1", "CT", 1, "Axial", s1 + ".1.1", 1));
        files.add(object("s1-1-2", study1, s1, s1 + ".1", "CT", 1, "Axial", s1 + ".1.2", 2));
        files.add(object("s1-2-1", study1, s1, s1 + ".2", "OT", 2, "Scout", s1 + ".2.1", 1));
        files.add(object("s2-1-1", Map.of("(0010,0010)", "Smith^Ann", "(0010,0020)", smith.id(),
                "(0010,0030)", "19710102", "(0010,0040)", "F", "(0008,0050)", "NOSUCH" + run,
                "(0008,0020)", "20261105", "(0008,0030)", "093000", "(0020,0010)", "S2", "(0008,1030)", "MR Knie",
                "(0008,0090)", "Grey^Meredith"), s2, s2 + ".1", "MR", 1, "Sagittal", s2 + ".1.1", 1));
        files.add(object("s3-1-1", Map.of("(0010,0010)", "Mueller^Hans", "(0010,0020)", muellerAgain.id(),
                "(0010,0030)", "19600304", "(0010,0040)", "M", "(0008,0050)", "M3" + run,
                "(0008,0020)", "20260915", "(0008,0030)", "080000", "(0020,0010)", "S3", "(0008,1030)", "CT Thorax",
                "(0008,0090)", "House^Gregory"), s3, s3 + ".1", "CT", 1, "Axial", s3 + ".1.1", 1));
        List<String> storescu = new ArrayList<>(List.of("storescu", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port())));
        files.forEach(file -> storescu.add(file.toString()));
        DcmtkTools.run(storescu.toArray(String[]::new));

        Map<String, String> ofThisRun = Map.of("PatientID", "*" + run);
        ArchiveSearchResult all = eventually(() -> search(ArchiveLevel.STUDY, ofThisRun, 0, 10),
                found -> found.matches().size() == 3 && study(found, s1).numberOfInstances() == 3
                        && study(found, s1).orderId() != null && study(found, s3).orderId() != null);
        assertThat(uids(all)).containsExactly(s1, s2, s3);
        assertThat(all.more()).isFalse();
        ArchivedStudy matched = study(all, s1);
        assertThat(matched).isEqualTo(new ArchivedStudy(s1, "20261201", "101500", "S1", "CT Schädel",
                "House^Gregory", List.of("CT", "OT"), List.of(SECONDARY_CAPTURE), 2, 3,
                new ArchivedIdentity(mueller.id(), "HOSP", "Müller^Hans", "19600304", "M", "M1" + run),
                new ArchivedIdentity(mueller.id(), null, "MÜLLER^HANS", "19600304", "M", "M1" + run), first));
        assertThat(study(all, s2).current()).isEqualTo(new ArchivedIdentity(smith.id(), null, "Smith^Ann",
                "19710102", "F", "NOSUCH" + run));
        assertThat(study(all, s2).orderId()).isNull();

        // names and descriptions: case and accents aside, wildcards, fuzzy by the start of any name part
        assertThat(uids(search(keys("PatientName", "muller*")))).containsExactly(s1);
        assertThat(uids(search(keys("PatientName", "MÜLLER^HANS")))).containsExactly(s1);
        assertThat(uids(search(keys("PatientName", "sm?th^ann")))).containsExactly(s2);
        assertThat(uids(fuzzy("mull"))).containsExactly(s1);
        assertThat(uids(fuzzy("han"))).containsExactly(s1, s3);
        assertThat(uids(search(keys("StudyDescription", "ct sch*")))).containsExactly(s1);
        assertThat(uids(search(keys("ReferringPhysicianName", "house*")))).containsExactly(s1, s3);
        assertThat(uids(search(keys("AccessionNumber", "NOSUCH" + run)))).containsExactly(s2);
        assertThat(uids(search(keys("PatientID", mueller.id(), "IssuerOfPatientID", "HOSP")))).containsExactly(s1);
        assertThat(uids(search(keys("PatientBirthDate", "19710102", "PatientSex", "f")))).containsExactly(s2);
        assertThat(uids(search(keys("StudyID", "S3")))).containsExactly(s3);
        // dates, times and lists
        assertThat(uids(search(keys("StudyDate", "20261101-20261130")))).containsExactly(s2);
        assertThat(uids(search(keys("StudyDate", "20261101-")))).containsExactly(s1, s2);
        assertThat(uids(search(keys("StudyDate", "-20261031")))).containsExactly(s3);
        assertThat(uids(search(keys("StudyTime", "0900-1000")))).containsExactly(s2);
        assertThat(uids(search(keys("StudyInstanceUID", s3 + "," + s1)))).containsExactly(s1, s3);
        assertThat(uids(search(keys("StudyInstanceUID", s2 + "\\" + s3)))).containsExactly(s2, s3);
        assertThat(uids(search(keys("ModalitiesInStudy", "OT")))).containsExactly(s1);
        assertThat(uids(search(keys("ModalitiesInStudy", "MR\\OT")))).containsExactly(s1, s2);
        // paging
        ArchiveSearchResult page = search(ArchiveLevel.STUDY, ofThisRun, 0, 2);
        assertThat(uids(page)).containsExactly(s1, s2);
        assertThat(page.more()).isTrue();
        page = search(ArchiveLevel.STUDY, ofThisRun, 2, 2);
        assertThat(uids(page)).containsExactly(s3);
        assertThat(page.more()).isFalse();

        // series and instances, the study's keys filtering them too
        ArchiveSearchResult series = queries.query(new SearchArchiveQuery(ArchiveLevel.SERIES, s1, null, Map.of(),
                false, 0, 10), ArchiveSearchResult.class).join();
        assertThat(series.matches()).extracting(match -> match.series().seriesInstanceUid())
                .containsExactly(s1 + ".1", s1 + ".2");
        assertThat(series.matches().get(0).series()).isEqualTo(new ArchivedSeries(s1, s1 + ".1", "CT", 1, "Axial",
                "20261201", "101500", "HEAD", 2));
        assertThat(series.matches().get(0).study()).isEqualTo(matched);
        ArchiveSearchResult scouts = search(ArchiveLevel.SERIES, keys("PatientName", "muller*", "Modality", "ot"), 0,
                10);
        assertThat(scouts.matches()).extracting(match -> match.series().seriesInstanceUid())
                .containsExactly(s1 + ".2");
        assertThat(search(ArchiveLevel.SERIES, keys("SeriesDescription", "AX*", "PatientID", "*" + run), 0, 10)
                .matches()).extracting(match -> match.series().seriesInstanceUid())
                .containsExactlyInAnyOrder(s1 + ".1", s3 + ".1");
        ArchiveSearchResult images = queries.query(new SearchArchiveQuery(ArchiveLevel.INSTANCE, s1, s1 + ".1",
                Map.of(), false, 0, 10), ArchiveSearchResult.class).join();
        assertThat(images.matches()).extracting(match -> match.instance().sopInstanceUid())
                .containsExactly(s1 + ".1.1", s1 + ".1.2");
        ArchivedInstance second = images.matches().get(1).instance();
        assertThat(second).extracting(ArchivedInstance::instanceNumber, ArchivedInstance::rows,
                ArchivedInstance::columns, ArchivedInstance::numberOfFrames, ArchivedInstance::sopClassUid)
                .containsExactly(2, 8, 8, null, SECONDARY_CAPTURE);
        assertThat(images.matches().get(1).series().seriesInstanceUid()).isEqualTo(s1 + ".1");
        assertThat(search(ArchiveLevel.INSTANCE, keys("StudyInstanceUID", s1, "InstanceNumber", "2"), 0, 10)
                .matches()).extracting(match -> match.instance().sopInstanceUid()).containsExactly(s1 + ".1.2");
        assertThat(search(ArchiveLevel.INSTANCE, keys("SOPInstanceUID", s1 + ".2.1\\" + s3 + ".1.1",
                "SOPClassUID", SECONDARY_CAPTURE), 0, 10).matches())
                .extracting(match -> match.instance().sopInstanceUid())
                .containsExactlyInAnyOrder(s1 + ".2.1", s3 + ".1.1");
        ArchivedStudyContents contents = queries.query(new FindArchivedStudyQuery(s1), ArchivedStudyContents.class)
                .join();
        assertThat(contents.study()).isEqualTo(matched);
        assertThat(contents.series()).extracting(ArchivedSeries::seriesInstanceUid).containsExactly(s1 + ".1",
                s1 + ".2");
        assertThat(contents.instances()).extracting(ArchivedInstance::sopInstanceUid).containsExactly(s1 + ".1.1",
                s1 + ".1.2", s1 + ".2.1");
        assertThat(queries.query(new FindArchivedStudyQuery("2.25.404"), ArchivedStudyContents.class).join())
                .isNull();

        assertThatThrownBy(() -> search(keys("PatientWeight", "70"))).rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PatientWeight");

        // HL7 A40: the duplicate identity goes away, its study shows the survivor
        send(new MergePatientsCommand(muellerAgain, mueller));
        ArchivedStudy merged = eventually(() -> study(search(keys("StudyInstanceUID", s3)), s3),
                study -> study.current().patientId().equals(mueller.id()));
        assertThat(merged.current()).isEqualTo(new ArchivedIdentity(mueller.id(), "HOSP", "Müller^Hans", "19600304",
                "M", "M3" + run));
        assertThat(merged.received().patientId()).isEqualTo(muellerAgain.id());
        assertThat(merged.orderId()).isEqualTo(third);
        assertThat(uids(search(keys("PatientName", "muller*")))).containsExactly(s1, s3);
        assertThat(uids(search(keys("PatientID", muellerAgain.id())))).isEmpty();
    }

    @Test
    void instancesReceivedAsStoredInRevisionOneReadAsRevisionTwoAndAreSearchable() {
        String study = uid();
        String json = "{\"studyInstanceUid\":\"" + study + "\",\"seriesInstanceUid\":\"" + study + ".1\","
                + "\"associationId\":\"a-old\",\"callingAeTitle\":\"CT0\",\"attributes\":{\"patientId\":\"OLD-1\","
                + "\"issuerOfPatientId\":null,\"patientName\":\"OLD^STUDY\",\"accessionNumber\":\"OLD1\","
                + "\"modality\":\"CT\",\"studyDescription\":\"stored long ago\"},\"instances\":[{\"sopInstanceUid\":\""
                + study + ".1.1\",\"sopClassUid\":\"" + SECONDARY_CAPTURE + "\",\"transferSyntaxUid\":"
                + "\"1.2.840.10008.1.2.1\",\"size\":321,\"sha256\":\"ab\"}],\"firstForStudy\":true}";
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                        + " metadata, payload, payloadrevision, payloadtype, timestamp)"
                        + " VALUES (?, 0, 'Study', ?, ?, ?, '1', ?, ?)",
                study, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), InstancesReceivedEvent.class.getName(),
                Instant.now().toString());

        assertThat(eventStore.readEvents(study).asStream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(new InstancesReceivedEvent(study, study + ".1", "a-old", "CT0",
                        new ReceivedStudyAttributes("OLD-1", null, "OLD^STUDY", "OLD1", "CT", "stored long ago"),
                        List.of(new ReceivedInstance(study + ".1.1", SECONDARY_CAPTURE, "1.2.840.10008.1.2.1", 321,
                                "ab")), true, null, null));
        ArchivedStudyContents contents = eventually(() -> queries.query(new FindArchivedStudyQuery(study),
                ArchivedStudyContents.class).join(), found -> found != null && found.instances().size() == 1);
        assertThat(contents.study().numberOfInstances()).isEqualTo(1);
        assertThat(contents.study().studyDate()).isNull();
        assertThat(contents.instances()).extracting(ArchivedInstance::instanceNumber).containsExactly((Integer) null);
        assertThat(uids(search(keys("PatientName", "old^study")))).containsExactly(study);
    }

    private String placeOrder(PatientIdentifier patient, String accession) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("CTHEAD", "LOCAL", "CT head"), "CT",
                OrderPriority.ROUTINE, null, null, accession));
        return orderId;
    }

    /**
     * An image as a modality sends it: an 8x8 bitmap made a Secondary Capture object by img2dcm,
     * its attributes set by dcmodify (UTF-8, so that names keep their accents).
     */
    private Path object(String name, Map<String, String> studyAttributes, String study, String series,
                        String modality, int seriesNumber, String seriesDescription, String sop, int instanceNumber)
            throws Exception {
        Path bitmap = work.resolve(name + ".bmp");
        Files.write(bitmap, bitmap());
        Path file = work.resolve(name + ".dcm");
        DcmtkTools.run("img2dcm", "-i", "BMP", bitmap.toString(), file.toString());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("(0008,0005)", "ISO_IR 192");
        attributes.putAll(studyAttributes);
        attributes.put("(0020,000d)", study);
        attributes.put("(0020,000e)", series);
        attributes.put("(0008,0018)", sop);
        attributes.put("(0008,0060)", modality);
        attributes.put("(0020,0011)", String.valueOf(seriesNumber));
        attributes.put("(0008,103e)", seriesDescription);
        attributes.put("(0008,0021)", studyAttributes.get("(0008,0020)"));
        attributes.put("(0008,0031)", studyAttributes.get("(0008,0030)"));
        attributes.put("(0018,0015)", "HEAD");
        attributes.put("(0020,0013)", String.valueOf(instanceNumber));
        List<String> dcmodify = new ArrayList<>(List.of("dcmodify", "-nb"));
        attributes.forEach((tag, value) -> {
            dcmodify.add("-i");
            dcmodify.add(tag + "=" + value);
        });
        dcmodify.add(file.toString());
        DcmtkTools.run(dcmodify.toArray(String[]::new));
        return file;
    }

    /** An 8x8 grey 24-bit BMP. */
    private static byte[] bitmap() {
        int pixels = 8 * 8 * 3;
        ByteBuffer bmp = ByteBuffer.allocate(54 + pixels).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(54 + pixels).putInt(0).putInt(54);
        bmp.putInt(40).putInt(8).putInt(8).putShort((short) 1).putShort((short) 24).putInt(0).putInt(pixels)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        for (int i = 0; i < pixels; i++) {
            bmp.put((byte) 128);
        }
        return bmp.array();
    }

    private ArchiveSearchResult search(Map<String, String> keys) {
        return search(ArchiveLevel.STUDY, keys, 0, 100);
    }

    private ArchiveSearchResult fuzzy(String name) {
        return queries.query(new SearchArchiveQuery(ArchiveLevel.STUDY, null, null, Map.of("PatientName", name),
                true, 0, 100), ArchiveSearchResult.class).join();
    }

    private ArchiveSearchResult search(ArchiveLevel level, Map<String, String> keys, int offset, int limit) {
        return queries.query(new SearchArchiveQuery(level, null, null, keys, false, offset, limit),
                ArchiveSearchResult.class).join();
    }

    private static Map<String, String> keys(String... namesAndValues) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            keys.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return keys;
    }

    private static List<String> uids(ArchiveSearchResult result) {
        return result.matches().stream().map(match -> match.study().studyInstanceUid()).toList();
    }

    private static ArchivedStudy study(ArchiveSearchResult result, String uid) {
        return result.matches().stream().map(ArchiveMatch::study).filter(study -> study.studyInstanceUid().equals(uid))
                .findFirst().orElseThrow(() -> new AssertionError("no study " + uid + " in " + result));
    }

    private static Demographics demographics(String family, String given, LocalDate birthDate, String sex) {
        return new Demographics(new PersonName(family, given, null, null, null), birthDate, sex);
    }

    private static String uid() {
        return "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    }

    private void send(Object command) {
        TestCommands.send(commands, "archive-search-it", command);
    }
}
