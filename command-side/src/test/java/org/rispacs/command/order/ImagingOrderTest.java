package org.rispacs.command.order;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;

class ImagingOrderTest {

    private static final PatientIdentifier PATIENT = new PatientIdentifier("P123", "HOSP");

    private FixtureConfiguration<ImagingOrder> fixture;

    @BeforeEach
    void setUp() {
        AtomicInteger counter = new AtomicInteger();
        AccessionNumberAllocator sequentialNumbers = orderId -> "TEST" + counter.incrementAndGet();
        fixture = new AggregateTestFixture<>(ImagingOrder.class);
        fixture.registerInjectableResource(sequentialNumbers);
    }

    @Test
    void placingAnOrderRecordsItAndAssignsAnAccession() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand("order-1", PATIENT, "CTCHEST", "CT", OrderPriority.STAT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new OrderPlacedEvent("order-1", PATIENT, "CTCHEST", "CT", OrderPriority.STAT),
                        new AccessionAssignedEvent("order-1", "TEST1"));
    }

    @Test
    void procedureCodeIsStoredWithoutSurroundingSpaces() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand("order-1", PATIENT, " MRBRAIN ", "MR", OrderPriority.ROUTINE))
                .expectEvents(
                        new OrderPlacedEvent("order-1", PATIENT, "MRBRAIN", "MR", OrderPriority.ROUTINE),
                        new AccessionAssignedEvent("order-1", "TEST1"));
    }

    @Test
    void refusesAnOrderWithoutProcedureCode() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand("order-1", PATIENT, " ", "CT", OrderPriority.STAT))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("an order needs a procedure code");
    }

    @Test
    void refusesAModalityThatIsNotADicomCode() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand("order-1", PATIENT, "CTCHEST", "ct scan", OrderPriority.STAT))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void refusesAnOrderWithoutPatientOrPriority() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand("order-1", null, "CTCHEST", "CT", OrderPriority.STAT))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand("order-2", PATIENT, "CTCHEST", "CT", null))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }
}
