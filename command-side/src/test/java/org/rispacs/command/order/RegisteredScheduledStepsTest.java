package org.rispacs.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.procedurestep.ScheduledStepReference;

/** The orders' own events in Axon's in-memory event store, the registries as maps. */
class RegisteredScheduledStepsTest {

    private static final String STUDY = "2.25.1";

    private EmbeddedEventStore events;
    private InMemoryAccessionNumbers accessionNumbers;
    private RegisteredScheduledSteps steps;

    @BeforeEach
    void setUp() {
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        accessionNumbers = new InMemoryAccessionNumbers();
        Map<String, String> studies = Map.of(STUDY, ImagingOrderTest.ORDER);
        steps = new RegisteredScheduledSteps(accessionNumbers, uid -> Optional.ofNullable(studies.get(uid)),
                EventSourcingRepository.builder(ImagingOrder.class).eventStore(events).build());
    }

    private void order(Object... more) {
        accessionNumbers.claim("TEST1", ImagingOrderTest.ORDER);
        List<Object> history = new ArrayList<>(List.of(ImagingOrderTest.PLACED, ImagingOrderTest.ACCESSION,
                ImagingOrderTest.SCHEDULED));
        history.addAll(List.of(more));
        for (int i = 0; i < history.size(); i++) {
            events.publish(new GenericDomainEventMessage<>("ImagingOrder", ImagingOrderTest.ORDER, i, history.get(i)));
        }
    }

    private Optional<String> orderAwaiting(ScheduledStepReference... references) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return steps.orderAwaiting(List.of(references));
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void findsTheOrderByItsAccessionSpelledAsTheModalityPleases() {
        order();
        assertThat(orderAwaiting(new ScheduledStepReference(" test1 ", null, null, null)))
                .contains(ImagingOrderTest.ORDER);
    }

    @Test
    void findsTheOrderByTheStudyInstanceUidWhenTheAccessionIsUnknown() {
        order();
        assertThat(orderAwaiting(new ScheduledStepReference("OTHER", STUDY, "RP1", "SPS1")))
                .contains(ImagingOrderTest.ORDER);
        assertThat(orderAwaiting(new ScheduledStepReference(null, STUDY, null, null)))
                .contains(ImagingOrderTest.ORDER);
    }

    @Test
    void aStudyInstanceUidWithAnotherStepIdIsNotTheOrders() {
        order();
        assertThat(orderAwaiting(new ScheduledStepReference(null, STUDY, "RP1", "SPS9"))).isEmpty();
    }

    @Test
    void aScheduledProcedureStepIdAloneFindsNothing() {
        order();
        assertThat(orderAwaiting(new ScheduledStepReference(null, null, "RP1", "SPS1"))).isEmpty();
    }

    @Test
    void aCancelledOrderNoLongerAwaitsItsStep() {
        order(new OrderCancelledEvent(ImagingOrderTest.ORDER, "patient declined"));
        assertThat(orderAwaiting(new ScheduledStepReference("TEST1", STUDY, null, null))).isEmpty();
    }

    @Test
    void aCompletedOrderNoLongerAwaitsItsStep() {
        order(ImagingOrderTest.STARTED, new ProcedureStepCompletedEvent(ImagingOrderTest.ORDER,
                CompletionSource.STUDY_COMMITTED, "1.2.3.mpps", List.of()));
        assertThat(orderAwaiting(new ScheduledStepReference("TEST1", null, null, null))).isEmpty();
    }

    @Test
    void anOrderInProgressStillAwaitsItsStep() {
        order(ImagingOrderTest.STARTED);
        assertThat(orderAwaiting(new ScheduledStepReference("TEST1", null, null, null)))
                .contains(ImagingOrderTest.ORDER);
    }

    @Test
    void theFirstReferenceNamingAnAwaitingOrderWins() {
        order();
        assertThat(orderAwaiting(new ScheduledStepReference("NOSUCH", null, null, null),
                new ScheduledStepReference("a\\b", null, null, null),
                new ScheduledStepReference("TEST1", null, null, null))).contains(ImagingOrderTest.ORDER);
    }
}
