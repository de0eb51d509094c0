package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.department.DepartmentPeers.adtA04;
import static org.rispacs.app.department.DepartmentPeers.adtA40;
import static org.rispacs.app.department.DepartmentPeers.ormCancel;
import static org.rispacs.app.department.DepartmentPeers.ormNew;
import static org.rispacs.app.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.PackagedApplication;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;

/**
 * Two things a department lives with, on the packaged application with real peers: a patient
 * merged (HL7 A40) while an examination is under way, and an order cancelled (ORM CA) after the
 * modality had already read it from its worklist.
 */
class PatientMergeAndCancelIT {

    private static PackagedApplication app;
    private static DepartmentPeers peers;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory("ris-merge-cancel");
        String indexPrefix = DepartmentPeers.indexPrefix("merge-cancel");
        List<String> settings = new ArrayList<>(PackagedApplication.onTestDependencies(indexPrefix));
        settings.addAll(List.of("--ris.security.integration-roles=ADMIN",
                "--ris.hl7.station-by-modality.CT=CT1", "--ris.hl7.station-by-modality.MR=MR1"));
        app = new PackagedApplication(dataDir, settings).start();
        peers = new DepartmentPeers(app, Files.createDirectories(dataDir.resolve("peers")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aMergeMidWorkflowMovesOrdersAndStudiesToTheSurvivor() throws Exception {
        String run = run();
        String merged = "OLD-" + run;
        String survivor = "NEW-" + run;
        peers.accepted(adtA04("A04-1-" + run, merged, "Duplicate", "Dora"));
        peers.accepted(adtA04("A04-2-" + run, survivor, "Survivor", "Sue"));
        peers.accepted(ormNew("NW-CT-" + run, merged, "CT-" + run, "CTHEAD", "CT", "202612010900"));
        peers.accepted(ormNew("NW-MR-" + run, merged, "MR-" + run, "MRKNEE", "MR", "202612011000"));

        List<Attributes> before = eventually(() -> worklist(merged), items -> items.size() == 2);
        Attributes ct = byModality(before, "CT");
        Attributes mr = byModality(before, "MR");
        assertThat(ct.getString(Tags.PatientName)).isEqualTo("Duplicate^Dora");
        String ctAccession = ct.getString(Tags.AccessionNumber);
        String ctStudy = ct.getString(Tags.StudyInstanceUID);
        String ctOrder = orderId(ctAccession);

        // the CT starts and sends its first series under the identity it read from the worklist
        String mpps = DepartmentPeers.uid();
        assertThat(peers.mpps("create", mpps, Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "PerformedStationAETitle", "CT1", "ScheduledStepAttributesSequence",
                List.of(Map.of("AccessionNumber", ctAccession, "StudyInstanceUID", ctStudy)))).get("status").asInt())
                .isZero();
        List<String> firstSeries = List.of(ctStudy + ".1.1", ctStudy + ".1.2");
        peers.store("CT1", images(firstSeries, ctStudy, ctStudy + ".1", ctAccession, merged, "Duplicate^Dora"));
        eventually(() -> assertThat(types(ctStudy)).contains("StudyMatchedToOrderEvent"));

        peers.accepted(adtA40("A40-" + run, survivor, "Survivor", "Sue", merged));

        eventually(() -> assertThat(types(ctOrder)).contains("OrderPatientReassignedEvent"));
        eventually(() -> assertThat(types(ctStudy)).contains("StudyPatientReassignedEvent"));
        eventually(() -> assertThat(json("/api/orders/" + ctOrder).get("patientId").asText()).isEqualTo(survivor));

        // the rest of the CT study still carries the old identity; so does the MR's whole study
        List<String> secondSeries = List.of(ctStudy + ".2.1", ctStudy + ".2.2");
        peers.store("CT1", images(secondSeries, ctStudy, ctStudy + ".2", ctAccession, merged, "Duplicate^Dora"));
        assertThat(peers.mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", ctStudy + ".1"),
                        Map.of("SeriesInstanceUID", ctStudy + ".2")))).get("status").asInt()).isZero();
        List<String> all = new ArrayList<>(firstSeries);
        all.addAll(secondSeries);
        JsonNode commitment = peers.commit(all);
        assertThat(commitment.get("eventTypeId").asInt()).as("all instances committed: " + commitment).isEqualTo(1);

        String mrAccession = mr.getString(Tags.AccessionNumber);
        String mrStudy = mr.getString(Tags.StudyInstanceUID);
        peers.store("MR1", images(List.of(mrStudy + ".1.1"), mrStudy, mrStudy + ".1", mrAccession, merged,
                "Duplicate^Dora"));
        eventually(() -> assertThat(types(mrStudy)).as("the MR study, sent under the merged identity")
                .contains("StudyMatchedToOrderEvent").doesNotContain("StudyUnmatchedEvent"));

        // the modality's worklist: the MR still to do, under the survivor; nothing under the old id
        List<Attributes> after = eventually(() -> worklist(survivor), items -> items.size() == 1);
        assertThat(after.get(0).getString(Tags.AccessionNumber)).isEqualTo(mrAccession);
        assertThat(after.get(0).getString(Tags.PatientName)).isEqualTo("Survivor^Sue");
        assertThat(worklist(merged)).isEmpty();

        // the radiologist's worklist and the charge: the survivor
        JsonNode reading = eventually(() -> readingItem(ctOrder), item -> item != null);
        assertThat(reading.get("patientId").asText()).isEqualTo(survivor);
        assertThat(reading.get("patientName").asText()).isEqualTo("Survivor^Sue");
        assertThat(reading.get("studyInstanceUid").asText()).isEqualTo(ctStudy);
        JsonNode charge = eventually(() -> charge(ctOrder), found -> found != null);
        assertThat(charge.get("patientId").asText()).isEqualTo(survivor);
        assertThat(json("/api/orders/" + orderId(mrAccession)).get("patientId").asText()).isEqualTo(survivor);
    }

    @Test
    void aCancelAfterSchedulingEmptiesTheWorklistAndALaterStepIsUnscheduledAndUnbilled() throws Exception {
        String run = run();
        String patient = "CAN-" + run;
        peers.accepted(adtA04("A04-C-" + run, patient, "Cancel", "Carl"));
        peers.accepted(ormNew("NW-C-" + run, patient, "CA-" + run, "CTCHEST", "CT", "202612011100"));
        Attributes item = eventually(() -> worklist(patient), items -> items.size() == 1).get(0);
        String accession = item.getString(Tags.AccessionNumber);
        String study = item.getString(Tags.StudyInstanceUID);
        String orderId = orderId(accession);

        peers.accepted(ormCancel("CA-C-" + run, "CA-" + run));
        eventually(() -> worklist(patient), List::isEmpty);
        assertThat(types(orderId)).contains("OrderCancelledEvent");

        // the modality had read the item before the cancel and performs it anyway
        String mpps = DepartmentPeers.uid();
        JsonNode started = peers.mpps("create", mpps, Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "PerformedStationAETitle", "CT1", "PatientID", patient, "PatientName", "Cancel^Carl",
                "Modality", "CT", "ScheduledStepAttributesSequence",
                List.of(Map.of("AccessionNumber", accession, "StudyInstanceUID", study))));
        assertThat(started.get("status").asInt()).as(started.toString()).isZero();
        assertThat(types(mpps)).containsExactly("UnscheduledProcedureStepStartedEvent");
        List<String> sops = List.of(study + ".1.1", study + ".1.2");
        peers.store("CT1", images(sops, study, study + ".1", accession, patient, "Cancel^Carl"));
        assertThat(peers.mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", study + ".1")))).get("status").asInt())
                .isZero();
        assertThat(peers.commit(sops).get("eventTypeId").asInt()).as("committed").isEqualTo(1);

        eventually(() -> assertThat(types(mpps)).contains("UnscheduledProcedureStepCompletedEvent"));
        eventually(() -> assertThat(types(study)).contains("StudyUnmatchedEvent", "StorageCommittedEvent"));
        JsonNode unmatched = eventually(() -> unmatched(study), found -> found != null);
        assertThat(unmatched.get("reason").asText()).isIn("CANCELLED_ORDER", "UNSCHEDULED_PROCEDURE_STEP");
        List<String> orderEvents = types(orderId);
        assertThat(orderEvents).doesNotContain("ProcedureStepStartedEvent", "ProcedureStepCompletedEvent",
                "StudyAttachedToOrderEvent");
        assertThat(types("charge-" + orderId)).as("no charge for a cancelled order").isEmpty();
        assertThat(charge(orderId)).isNull();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static List<Attributes> worklist(String patientId) {
        try {
            return peers.worklist(patientId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Attributes byModality(List<Attributes> items, String modality) {
        return items.stream().filter(item -> modality.equals(item.getSequence(Tags.ScheduledProcedureStepSequence)
                .get(0).getString(Tags.Modality))).findFirst().orElseThrow();
    }

    private static List<Path> images(List<String> sops, String study, String series, String accession,
                                     String patientId, String name) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String sop : sops) {
            files.add(peers.ctImage(sop, study, series, accession, patientId, name));
        }
        return files;
    }

    private static String orderId(String accession) {
        JsonNode found = json("/api/orders?accession=" + accession);
        assertThat(found).as("order of " + accession).hasSize(1);
        return found.get(0).get("orderId").asText();
    }

    private static JsonNode json(String pathAndQuery) {
        try {
            return app.getJson(pathAndQuery);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> types(String aggregateId) {
        try {
            return peers.eventTypes(aggregateId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readingItem(String orderId) {
        return find("/api/worklists/reading?size=500", "orderId", orderId);
    }

    private static JsonNode charge(String orderId) {
        return find("/api/billing/charges?size=500", "orderId", orderId);
    }

    private static JsonNode unmatched(String study) {
        return find("/api/studies/unmatched?size=500", "studyInstanceUid", study);
    }

    private static JsonNode find(String pathAndQuery, String field, String value) {
        return StreamSupport.stream(json(pathAndQuery).spliterator(), false)
                .filter(item -> value.equals(item.path(field).asText())).findFirst().orElse(null);
    }
}
