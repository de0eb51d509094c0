package org.rispacs.query.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderView;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class OrderProjectionTest {

    private static final PatientIdentifier JANE = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier SURVIVOR = new PatientIdentifier("P9", "HOSP");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex orders;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new OrderProjection(null, indexes, SimpleQueryUpdateEmitter.builder().build()));
        orders = indexes.index("orders");
    }

    @Test
    void anOrderIsPlacedThenGivenItsAccessionAndMovedToTheSurvivingPatient() {
        Instant placedAt = events.now();
        events.publish(new OrderPlacedEvent("o1", JANE, "PL-1", new ProcedureCode("CTCHEST", "LOCAL", "CT chest"),
                "CT", OrderPriority.HIGH, "cough", "Dr Who"));
        events.publish(new AccessionAssignedEvent("o1", " acc-01 ", false));

        assertThat(orders.find("o1", OrderView.class)).isEqualTo(new OrderView("o1", "P1", "HOSP", "CTCHEST", "CT",
                OrderPriority.HIGH, " acc-01 ", placedAt));
        assertThat(orders.find("o1")).containsEntry("accessionKey", "ACC-01")
                .containsEntry("placedAt", placedAt.toString());
        assertThat(orders.refreshRequests()).isPositive();

        events.publish(new OrderPatientReassignedEvent("o1", JANE, SURVIVOR));
        assertThat(orders.find("o1")).containsEntry("patientId", "P9").containsEntry("patientIdIssuer", "HOSP")
                .containsEntry("procedureCode", "CTCHEST").containsEntry("accessionNumber", " acc-01 ");
    }

    @Test
    void replayingTheStreamOverTheIndexOrAfterAResetGivesTheSameDocuments() {
        events.publish(new OrderPlacedEvent("o1", JANE, "PL-1", new ProcedureCode("CTCHEST", "LOCAL", "CT chest"),
                "CT", OrderPriority.HIGH, null, null));
        events.publish(new OrderPlacedEvent("o2", JANE, "PL-2", new ProcedureCode("MRHEAD", "LOCAL", "MR head"),
                "MR", OrderPriority.ROUTINE, null, null));
        events.publish(new AccessionAssignedEvent("o2", "A2", true));
        events.publish(new OrderPatientReassignedEvent("o1", JANE, SURVIVOR));
        Map<String, Map<String, Object>> live = orders.documents();

        events.replayOver();
        assertThat(orders.documents()).isEqualTo(live);
        events.rebuild();
        assertThat(orders.documents()).isEqualTo(live).hasSize(2);
        assertThat(live.get("o2")).containsEntry("modality", "MR").containsEntry("accessionKey", "A2")
                .containsEntry("patientId", "P1");
    }
}
