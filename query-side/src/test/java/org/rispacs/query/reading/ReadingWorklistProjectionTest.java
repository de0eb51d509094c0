package org.rispacs.query.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyStableEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class ReadingWorklistProjectionTest {

    private static final PatientIdentifier JANE = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier SURVIVOR = new PatientIdentifier("P9", "HOSP");
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr Rad", ClinicalRole.RADIOLOGIST);

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex worklist;
    private InMemoryReadModelIndex links;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new ReadingWorklistProjection(null, indexes,
                SimpleQueryUpdateEmitter.builder().build()));
        worklist = indexes.index("reading-worklist");
        links = indexes.index("reading-links");
    }

    private void registerAndPlace(String orderId) {
        events.publish(new PatientRegisteredEvent(JANE, new Demographics(new PersonName("Doe", "Jane", null, null,
                null), LocalDate.of(1990, 5, 6), "F")));
        events.publish(new OrderPlacedEvent(orderId, JANE, "PL-" + orderId, new ProcedureCode("CTCHEST", "LOCAL",
                "CT chest"), "CT", OrderPriority.HIGH, null, null));
        events.publish(new AccessionAssignedEvent(orderId, "A-" + orderId, false));
    }

    @Test
    void anOrderIsReadyOnceCompletedLinkedAndCommittedWhateverTheOrder() {
        registerAndPlace("o1");
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", JANE, false));
        events.publish(new ProcedureStepCompletedEvent("o1", CompletionSource.MPPS, "2.25.1", List.of()));
        assertThat(worklist.find("o1")).containsEntry("linked", true).containsEntry("completed", true)
                .containsEntry("committed", false).doesNotContainKey("ready");

        Instant committed = events.now();
        events.publish(new StorageCommittedEvent("1.2.1", "tx-1", List.of("1.2.1.1"), List.of(), true));

        assertThat(worklist.find("o1")).containsEntry("orderId", "o1").containsEntry("accessionNumber", "A-o1")
                .containsEntry("patientKey", "P1^^^HOSP").containsEntry("patientId", "P1")
                .containsEntry("issuerOfPatientId", "HOSP").containsEntry("patientName", "Doe^Jane")
                .containsEntry("modality", "CT").containsEntry("procedureCode", "CTCHEST")
                .containsEntry("procedureDescription", "CT chest").containsEntry("priority", "HIGH")
                .containsEntry("priorityRank", 1).containsEntry("reportStatus", "NONE")
                .containsEntry("studyInstanceUid", "1.2.1").containsEntry("committed", true)
                .containsEntry("ready", true).containsEntry("waitingSince", committed.toString());
        assertThat(links.find("study:1.2.1")).isEqualTo(Map.of("orderId", "o1", "committed", true));
    }

    @Test
    void aStudyArchivedBeforeItIsLinkedCountsAsCommittedWhenLinked() {
        registerAndPlace("o1");
        events.publish(new ProcedureStepCompletedEvent("o1", CompletionSource.STUDY_STABLE, null, List.of()));
        events.publish(new StudyStableEvent("1.2.1", 12));
        Instant linked = events.now();
        events.publish(new StudyReconciledEvent("1.2.1", "o1", JANE, "clerk", null, false));

        assertThat(worklist.find("o1")).containsEntry("ready", true).containsEntry("committed", true)
                .containsEntry("waitingSince", linked.toString());
    }

    @Test
    void reportsMoveTheStatusAndAReplacedStudyAsksForAReviewUntilAnAddendum() {
        registerAndPlace("o1");
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", JANE, true));
        events.publish(new ProcedureStepCompletedEvent("o1", CompletionSource.MPPS, "2.25.1", List.of()));
        events.publish(new ReportDraftedEvent("r1", "o1", "1.2.1", RADIOLOGIST, "draft"));
        assertThat(worklist.find("o1")).containsEntry("reportId", "r1").containsEntry("reportStatus", "DRAFT");
        events.publish(new ReportSignedPreliminaryEvent("r1", RADIOLOGIST));
        assertThat(worklist.find("o1")).containsEntry("reportStatus", "PRELIMINARY");
        events.publish(new ReportSignedEvent("r1", "o1", "1.2.1", RADIOLOGIST, "final"));
        assertThat(worklist.find("o1")).containsEntry("reportStatus", "FINAL").containsEntry("reviewReason", null);

        events.publish(new StudyDetachedFromOrderEvent("o1", "1.2.1", "1.2.2", "clerk", "wrong side"));
        assertThat(worklist.find("o1")).containsEntry("committed", false).containsEntry("reviewReason", "Study 1.2.1"
                + " was replaced by study 1.2.2 (clerk: wrong side); a report written on it must be reviewed.");
        assertThat(links.find("study:1.2.1")).isNull();

        events.publish(new ReportAddendedEvent("r1", "o1", 1, RADIOLOGIST, "reviewed"));
        assertThat(worklist.find("o1")).containsEntry("reviewReason", null).containsEntry("reportStatus", "FINAL");
    }

    @Test
    void additionalStudiesPatientChangesAndOrderUpdatesReachTheItem() {
        registerAndPlace("o1");
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", JANE, true));
        events.publish(new StudyReconciledEvent("1.2.7", "o1", JANE, "clerk", null, true,
                StudyLinkMode.ADDITIONAL_STUDY));
        events.publish(new StudyReconciledEvent("1.2.8", "o1", JANE, "clerk", null, true,
                StudyLinkMode.ADDITIONAL_STUDY));
        events.publish(new OrderUpdatedEvent("o1", new ProcedureCode("CTABD", "LOCAL", "CT abdomen"),
                OrderPriority.STAT, null, null));
        events.publish(new PatientDemographicsUpdatedEvent(JANE, new Demographics(new PersonName("Smith", "Jane",
                null, null, null), null, "F")));

        assertThat(worklist.find("o1")).containsEntry("additionalStudyUids", List.of("1.2.7", "1.2.8"))
                .containsEntry("studyInstanceUid", "1.2.1").containsEntry("procedureCode", "CTABD")
                .containsEntry("priority", "STAT").containsEntry("priorityRank", 0)
                .containsEntry("patientName", "Smith^Jane");
        assertThat(links.find("study:1.2.7")).isEqualTo(Map.of("orderId", "o1", "additional", true));

        events.publish(new StudyPatientReassignedEvent("1.2.1", JANE, SURVIVOR));
        assertThat(worklist.find("o1")).containsEntry("patientKey", "P9^^^HOSP").containsEntry("patientId", "P9")
                .containsEntry("patientName", null);
    }

    @Test
    void replayingTheStreamOverTheIndicesOrAfterAResetGivesTheSameDocuments() {
        registerAndPlace("o1");
        events.publish(new StudyStableEvent("1.2.1", 3));
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", JANE, false));
        events.publish(new ProcedureStepCompletedEvent("o1", CompletionSource.MPPS, "2.25.1", List.of()));
        events.publish(new StudyReconciledEvent("1.2.7", "o1", JANE, "clerk", null, true,
                StudyLinkMode.ADDITIONAL_STUDY));
        events.publish(new ReportDraftedEvent("r1", "o1", "1.2.1", RADIOLOGIST, "draft"));
        events.publish(new ReportSignedEvent("r1", "o1", "1.2.1", RADIOLOGIST, "final"));
        Map<String, Map<String, Object>> liveWorklist = worklist.documents();
        Map<String, Map<String, Object>> liveLinks = links.documents();
        Map<String, Map<String, Object>> livePatients = indexes.index("reading-patients").documents();

        events.replayOver();
        assertThat(worklist.documents()).isEqualTo(liveWorklist);
        assertThat(links.documents()).isEqualTo(liveLinks);
        events.rebuild();
        assertThat(worklist.documents()).isEqualTo(liveWorklist);
        assertThat(links.documents()).isEqualTo(liveLinks).containsOnlyKeys("study:1.2.1", "study:1.2.7",
                "report:r1");
        assertThat(indexes.index("reading-patients").documents()).isEqualTo(livePatients);
        assertThat(liveWorklist.get("o1")).containsEntry("ready", true).containsEntry("reportStatus", "FINAL")
                .containsEntry("additionalStudyUids", List.of("1.2.7"));
    }
}
