package org.rispacs.command.delivery;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;

class ChargeDistributionSagaTest {

    static final ChargeCapturedEvent CAPTURED = new ChargeCapturedEvent("charge-o1", "o1", "2.25.1",
            new PatientIdentifier("P1", "HOSP"), new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT");

    private final List<String> billing = new ArrayList<>(List.of("BILLING"));
    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ChargeDistributionSaga.class);
        fixture.registerResource((BillingDestinations) () -> List.copyOf(billing));
    }

    @Test
    void aCapturedChargeGoesToTheBillingDestinationAndTheSagaEnds() {
        fixture.givenNoPriorActivity()
                .whenAggregate("charge-o1").publishes(CAPTURED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ScheduleChargeDeliveryCommand("charge/charge-o1/BILLING", "charge-o1",
                        "o1", "BILLING"));
    }

    @Test
    void everyBillingDestinationGetsItsOwnDelivery() {
        billing.add("ARCHIVE-BILLING");
        fixture.givenNoPriorActivity()
                .whenAggregate("charge-o1").publishes(CAPTURED)
                .expectDispatchedCommands(
                        new ScheduleChargeDeliveryCommand("charge/charge-o1/BILLING", "charge-o1", "o1", "BILLING"),
                        new ScheduleChargeDeliveryCommand("charge/charge-o1/ARCHIVE-BILLING", "charge-o1", "o1",
                                "ARCHIVE-BILLING"));
    }

    @Test
    void withoutABillingDestinationNothingIsSent() {
        billing.clear();
        fixture.givenNoPriorActivity()
                .whenAggregate("charge-o1").publishes(CAPTURED)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aRepeatedCaptureAsksForTheSameDelivery() {
        fixture.givenAggregate("charge-o1").published(CAPTURED)
                .whenAggregate("charge-o1").publishes(CAPTURED)
                .expectDispatchedCommands(new ScheduleChargeDeliveryCommand("charge/charge-o1/BILLING", "charge-o1",
                        "o1", "BILLING"));
    }
}
