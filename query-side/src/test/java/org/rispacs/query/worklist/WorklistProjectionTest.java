package org.rispacs.query.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.Visit;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class WorklistProjectionTest {

    private static final PatientIdentifier JANE = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier SURVIVOR = new PatientIdentifier("P9", "HOSP");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex worklist;
    private InMemoryReadModelIndex patients;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new WorklistProjection(null, indexes));
        worklist = indexes.index("modality-worklist");
        patients = indexes.index("worklist-patients");
    }

    private void registerJane() {
        events.publish(new PatientRegisteredEvent(JANE, new Demographics(new PersonName("Doe", "Jane", null, null,
                null), LocalDate.of(1990, 5, 6), "F")));
    }

    private void placeAndSchedule(String orderId) {
        events.publish(new OrderPlacedEvent(orderId, JANE, "PL-" + orderId, CT_CHEST, "CT", OrderPriority.HIGH,
                "cough", "Dr^Who", new PlacerDetails("HIS", "123", "RAD", new Visit("I", "WARD-3", "V-77"), null)));
        events.publish(new AccessionAssignedEvent(orderId, "acc-" + orderId, false));
        events.publish(new ProcedureScheduledEvent(orderId, "acc-" + orderId, "RP-" + orderId, "SPS-" + orderId,
                "1.2." + orderId, LocalDateTime.of(2026, 12, 7, 9, 30), "CT1", "Scanner 1", "Room 4"));
    }

    @Test
    void aScheduledOrderCarriesItsPatientsDemographicsAndEverythingAModalityAsksFor() {
        registerJane();
        placeAndSchedule("o1");

        ModalityWorklistItem item = worklist.find("o1", ModalityWorklistItem.class);
        assertThat(item).isEqualTo(new ModalityWorklistItem("o1", "Doe^Jane", "P1", "HOSP", LocalDate.of(1990, 5, 6),
                "F", "acc-o1", "RP-o1", "CT chest", "CTCHEST", "LOCAL", "SPS-o1", LocalDateTime.of(2026, 12, 7, 9, 30),
                "CT", "CT1", "Scanner 1", "Room 4", "SCHEDULED", "1.2.o1", "Dr^Who", OrderPriority.HIGH, "PL-o1",
                "cough", "Dr^Who", "V-77", "WARD-3", null));
        assertThat(worklist.find("o1")).containsEntry("patientKey", "P1^^^HOSP")
                .containsEntry("patientNameMatch", WorklistMatching.normalisedName("Doe^Jane"))
                .containsEntry("accessionKey", WorklistMatching.accessionKey("acc-o1"))
                .containsEntry("scheduledStart", "2026-12-07T09:30");
        assertThat(patients.find(JANE.toString())).containsEntry("patientName", "Doe^Jane")
                .containsEntry("patientBirthDate", "1990-05-06").containsEntry("orderIds", List.of("o1"));
    }

    @Test
    void demographicsUpdatedAfterTheOrderReachItsWorklistItem() {
        placeAndSchedule("o1");
        assertThat(worklist.find("o1")).doesNotContainKey("patientName");

        events.publish(new PatientDemographicsUpdatedEvent(JANE, new Demographics(new PersonName("Smith", "Jane",
                null, null, null), LocalDate.of(1990, 5, 7), "F")));

        assertThat(worklist.find("o1")).containsEntry("patientName", "Smith^Jane")
                .containsEntry("patientBirthDate", "1990-05-07").containsEntry("patientSex", "F")
                .containsEntry("patientNameMatch", WorklistMatching.normalisedName("Smith^Jane"));
    }

    @Test
    void theStepMovesThroughItsStatusesAndTheOrderCanChangeHandsAndContent() {
        registerJane();
        placeAndSchedule("o1");
        events.publish(new ProcedureRescheduledEvent("o1", LocalDateTime.of(2026, 12, 8, 14, 0), "CT2", "Scanner 2",
                "Room 5"));
        events.publish(new OrderUpdatedEvent("o1", new ProcedureCode("CTABD", "LOCAL", "CT abdomen"),
                OrderPriority.STAT, "pain", "Dr^No"));
        events.publish(new ProcedureStepStartedEvent("o1", "2.25.1", "CT2", LocalDateTime.of(2026, 12, 8, 14, 5)));
        assertThat(worklist.find("o1")).containsEntry("status", "STARTED")
                .containsEntry("performedProcedureStepUid", "2.25.1")
                .containsEntry("scheduledStart", "2026-12-08T14:00")
                .containsEntry("scheduledStationAeTitle", "CT2").containsEntry("procedureCode", "CTABD")
                .containsEntry("priority", "STAT").containsEntry("requestingPhysicianName", "Dr^No");

        events.publish(new OrderPatientReassignedEvent("o1", JANE, SURVIVOR));
        assertThat(worklist.find("o1")).containsEntry("patientKey", "P9^^^HOSP").containsEntry("patientId", "P9")
                .containsEntry("patientName", "Doe^Jane");
        assertThat(patients.find(SURVIVOR.toString())).containsEntry("orderIds", List.of("o1"));

        events.publish(new ProcedureStepCompletedEvent("o1", CompletionSource.MPPS, "2.25.1", List.of()));
        assertThat(worklist.find("o1")).containsEntry("status", "COMPLETED");
        events.publish(new OrderCancelledEvent("o1", "wrong patient"));
        assertThat(worklist.find("o1")).containsEntry("status", "CANCELLED");
    }

    @Test
    void replayingTheStreamOverTheIndicesOrAfterAResetGivesTheSameDocuments() {
        registerJane();
        placeAndSchedule("o1");
        placeAndSchedule("o2");
        events.publish(new PatientDemographicsUpdatedEvent(JANE, new Demographics(new PersonName("Smith", "Jane",
                null, null, null), null, "F")));
        events.publish(new OrderPatientReassignedEvent("o2", JANE, SURVIVOR));
        events.publish(new ProcedureStepStartedEvent("o1", "2.25.1", "CT1", null));
        Map<String, Map<String, Object>> liveWorklist = worklist.documents();
        Map<String, Map<String, Object>> livePatients = patients.documents();

        events.replayOver();
        assertThat(worklist.documents()).isEqualTo(liveWorklist);
        assertThat(patients.documents()).isEqualTo(livePatients);
        events.rebuild();
        assertThat(worklist.documents()).isEqualTo(liveWorklist).hasSize(2);
        assertThat(patients.documents()).isEqualTo(livePatients).hasSize(2);
        assertThat(liveWorklist.get("o1")).containsEntry("patientName", "Smith^Jane")
                .containsEntry("patientBirthDate", null).containsEntry("status", "STARTED");
    }
}
