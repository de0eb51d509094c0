package org.rispacs.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepDiscontinuedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class FhirServiceRequestProjectionTest {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier SURVIVOR = new PatientIdentifier("P2", "HOSP");
    private static final ProcedureCode CT_HEAD = new ProcedureCode("CTHEAD", "RIS", "CT head");
    private static final LocalDateTime MORNING = LocalDateTime.of(2027, 3, 4, 9, 30);

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private ProjectionHarness events;
    private InMemoryReadModelIndex orders;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new FhirServiceRequestProjection(indexes, emitter, VIENNA));
        orders = indexes.index(FhirServiceRequestProjection.SERVICE_REQUESTS);
    }

    @Test
    void aPlacedOrderHasAllItsContentAndTheAggregateVersionWhichAReplayDoesNotChange() {
        Instant placedAt = events.now();
        events.publish("O1", 0, new OrderPlacedEvent("O1", MUELLER, "PLC-1", CT_HEAD, "CT", OrderPriority.STAT,
                "headache", "Who^John"), Map.of());
        events.publish("O1", 1, new AccessionAssignedEvent("O1", "acc-1", true), Map.of());
        Instant lastChange = events.now().minusSeconds(60);

        events.replayOver();

        FhirServiceRequest order = order("O1");
        assertThat(order.resourceId()).isEqualTo("O1");
        assertThat(order.patient()).isEqualTo(MUELLER);
        assertThat(order.state()).isEqualTo(FhirOrderState.PLACED);
        assertThat(order.placerOrderNumber()).isEqualTo("PLC-1");
        assertThat(order.accessionNumber()).isEqualTo("acc-1");
        assertThat(order.procedure()).isEqualTo(CT_HEAD);
        assertThat(order.modality()).isEqualTo("CT");
        assertThat(order.priority()).isEqualTo(OrderPriority.STAT);
        assertThat(order.reason()).isEqualTo("headache");
        assertThat(order.orderingProvider()).isEqualTo("Who^John");
        assertThat(order.authoredOn()).isEqualTo(placedAt);
        assertThat(order.occurrence()).isNull();
        assertThat(order.version()).isEqualTo(2);
        assertThat(order.lastUpdated()).isEqualTo(lastChange);
        assertThat(orders.find("O1")).containsEntry("accessionKey", "ACC-1")
                .containsEntry("patientResourceId", FhirPatientIds.of(MUELLER));

        events.rebuild();
        assertThat(order("O1")).isEqualTo(order);
    }

    @Test
    void theStateFollowsTheOrderAndEveryEventOfTheOrderIsAVersion() {
        placed("O1");
        events.publish("O1", 2, new ProcedureScheduledEvent("O1", "ACC-O1", "RP1", "SPS1", "2.25.1", MORNING, "CT1",
                null, null), Map.of());
        assertThat(order("O1").state()).isEqualTo(FhirOrderState.SCHEDULED);
        assertThat(order("O1").occurrence()).isEqualTo(Instant.parse("2027-03-04T08:30:00Z"));
        events.publish("O1", 3, new ProcedureRescheduledEvent("O1", MORNING.plusHours(1), "CT1", null, null),
                Map.of());
        assertThat(order("O1").occurrence()).isEqualTo(Instant.parse("2027-03-04T09:30:00Z"));
        events.publish("O1", 4, new OrderUpdatedEvent("O1", new ProcedureCode("CTCHEST", "RIS", "CT chest"),
                OrderPriority.ROUTINE, "cough", "Doe^Jane"), Map.of());
        events.publish("O1", 5, new ProcedureStepStartedEvent("O1", "1.2.3", "CT1", MORNING), Map.of());
        assertThat(order("O1").state()).isEqualTo(FhirOrderState.IN_PROGRESS);
        events.publish("O1", 6, new StudyAttachedToOrderEvent("O1", "2.25.1", MUELLER), Map.of());
        events.publish("O1", 7, new OrderPatientReassignedEvent("O1", MUELLER, SURVIVOR), Map.of());
        events.publish("O1", 8, new ProcedureStepCompletedEvent("O1", CompletionSource.MPPS, "1.2.3", List.of()),
                Map.of());

        FhirServiceRequest order = order("O1");
        assertThat(order.state()).isEqualTo(FhirOrderState.COMPLETED);
        assertThat(order.procedure().code()).isEqualTo("CTCHEST");
        assertThat(order.priority()).isEqualTo(OrderPriority.ROUTINE);
        assertThat(order.reason()).isEqualTo("cough");
        assertThat(order.orderingProvider()).isEqualTo("Doe^Jane");
        assertThat(order.patient()).isEqualTo(SURVIVOR);
        assertThat(orders.find("O1")).containsEntry("patientResourceId", FhirPatientIds.of(SURVIVOR));
        assertThat(order.version()).as("nine events").isEqualTo(9);

        placed("O2");
        events.publish("O2", 2, new OrderCancelledEvent("O2", "duplicate"), Map.of());
        assertThat(order("O2").state()).isEqualTo(FhirOrderState.CANCELLED);
        placed("O3");
        events.publish("O3", 2, new ProcedureStepStartedEvent("O3", "1.2.4", "CT1", MORNING), Map.of());
        events.publish("O3", 3, new ProcedureStepDiscontinuedEvent("O3", "1.2.4", "patient left"), Map.of());
        assertThat(order("O3").state()).isEqualTo(FhirOrderState.DISCONTINUED);
        assertThat(order("O3").version()).isEqualTo(4);
    }

    @Test
    void theScheduledStartIsTheInstantItIsInTheConfiguredZoneNotTheMachines() {
        ZoneId elsewhere = ZoneId.of(ZoneId.systemDefault().getId().equals("Pacific/Kiritimati")
                ? "Pacific/Pago_Pago" : "Pacific/Kiritimati");
        InMemoryReadModelIndexes configured = new InMemoryReadModelIndexes();
        events = new ProjectionHarness(new FhirServiceRequestProjection(configured, emitter, " " + elsewhere + " "));
        orders = configured.index(FhirServiceRequestProjection.SERVICE_REQUESTS);
        placed("O1");
        events.publish("O1", 2, new ProcedureScheduledEvent("O1", "ACC-O1", "RP1", "SPS1", "2.25.1", MORNING, "CT1",
                null, null), Map.of());

        assertThat(order("O1").occurrence()).isEqualTo(MORNING.atZone(elsewhere).toInstant())
                .isNotEqualTo(MORNING.atZone(ZoneId.systemDefault()).toInstant());

        InMemoryReadModelIndexes unset = new InMemoryReadModelIndexes();
        events = new ProjectionHarness(new FhirServiceRequestProjection(unset, emitter, ""));
        orders = unset.index(FhirServiceRequestProjection.SERVICE_REQUESTS);
        placed("O1");
        events.publish("O1", 2, new ProcedureScheduledEvent("O1", "ACC-O1", "RP1", "SPS1", "2.25.1", MORNING, "CT1",
                null, null), Map.of());

        assertThat(order("O1").occurrence()).as("unset: the machine's zone")
                .isEqualTo(MORNING.atZone(ZoneId.systemDefault()).toInstant());
    }

    @Test
    void theOrderIsEmittedToItsSubscribersAfterEachOfItsEvents() {
        List<FhirServiceRequest> emitted = new ArrayList<>();
        emitter.registerDispatchInterceptor(messages -> (index, update) -> {
            emitted.add((FhirServiceRequest) update.getPayload());
            return update;
        });

        placed("O1");

        assertThat(emitted).extracting(FhirServiceRequest::version).containsExactly(1L, 2L);
        assertThat(emitted.get(0).accessionNumber()).isNull();
        assertThat(emitted.get(1).accessionNumber()).isEqualTo("ACC-O1");
    }

    private void placed(String orderId) {
        events.publish(orderId, 0, new OrderPlacedEvent(orderId, MUELLER, "PLC-" + orderId, CT_HEAD, "CT",
                OrderPriority.ROUTINE, null, null), Map.of());
        events.publish(orderId, 1, new AccessionAssignedEvent(orderId, "ACC-" + orderId, false), Map.of());
    }

    private FhirServiceRequest order(String orderId) {
        return orders.find(orderId, FhirServiceRequestDocument.class).answer();
    }
}
