package org.rispacs.query.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class UnmatchedStudiesProjectionTest {

    private static final ReceivedStudyAttributes RECEIVED = new ReceivedStudyAttributes("P1", "HOSP", "DOE^JANE",
            "ACC-9", "CT", "CT chest");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex unmatched;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new UnmatchedStudiesProjection(null, indexes));
        unmatched = indexes.index("unmatched-studies");
    }

    @Test
    void aStudyIsListedFromUnmatchedUntilReconciled() {
        Instant since = events.now();
        events.publish(new StudyUnmatchedEvent("1.2.1", UnmatchedReason.UNKNOWN_ACCESSION, "no order ACC-9",
                RECEIVED));

        assertThat(unmatched.find("1.2.1", UnmatchedStudy.class)).isEqualTo(new UnmatchedStudy("1.2.1",
                UnmatchedReason.UNKNOWN_ACCESSION, "no order ACC-9", "P1", "HOSP", "DOE^JANE", "ACC-9", "CT",
                "CT chest", since));
        assertThat(unmatched.find("1.2.1")).containsEntry("since", since.toString())
                .containsEntry("reason", "UNKNOWN_ACCESSION");

        events.publish(new StudyReconciledEvent("1.2.1", "o1", new PatientIdentifier("P1", "HOSP"), "clerk", null,
                true));
        assertThat(unmatched.find("1.2.1")).isNull();
    }

    @Test
    void anUnscheduledStepIsListedBeforeItsImagesAndLeavesWhenMatched() {
        Instant since = events.now();
        events.publish(new UnscheduledProcedureStepStartedEvent("2.25.7", "1.2.2", "CT1",
                LocalDateTime.of(2026, 12, 7, 9, 0), null));

        assertThat(unmatched.find("1.2.2")).containsEntry("reason", "UNSCHEDULED_PROCEDURE_STEP")
                .containsEntry("detail", "unscheduled procedure step 2.25.7 performed on CT1")
                .containsEntry("since", since.toString()).containsEntry("patientId", null);
        assertThat(unmatched.refreshRequests()).isPositive();

        events.publish(new StudyMatchedToOrderEvent("1.2.2", "o2", new PatientIdentifier("P1", "HOSP"), false));
        assertThat(unmatched.documents()).isEmpty();
    }

    @Test
    void replayingTheStreamOverTheIndexOrAfterAResetGivesTheSameDocuments() {
        events.publish(new StudyUnmatchedEvent("1.2.1", UnmatchedReason.NO_ACCESSION, null, RECEIVED));
        events.publish(new StudyUnmatchedEvent("1.2.3", UnmatchedReason.PATIENT_MISMATCH, "P1 is not P2", null));
        events.publish(new UnscheduledProcedureStepStartedEvent("2.25.7", "1.2.2", "CT1", null, RECEIVED));
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", new PatientIdentifier("P1", "HOSP"), true));
        Map<String, Map<String, Object>> live = unmatched.documents();

        events.replayOver();
        assertThat(unmatched.documents()).isEqualTo(live);
        events.rebuild();
        assertThat(unmatched.documents()).isEqualTo(live).containsOnlyKeys("1.2.2", "1.2.3");
    }
}
