package org.rispacs.command.delivery;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;

/**
 * What only a charge message (DFT^P03) asks of its delivery; the rest of its tracked delivery, shared with
 * reports, is in {@link OutboundDeliveryTest}.
 */
class ChargeDeliveryTest {

    static final DeliveryCase CHARGE = DeliveryCase.CHARGE;

    private FixtureConfiguration<OutboundDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OutboundDelivery.class);
        fixture.registerInjectableResource(OutboundDeliveryTest.POLICY);
    }

    @Test
    void aChargeAndADestinationAreRequired() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleChargeDeliveryCommand(CHARGE.id(), " ", "order-1", "BILLING"))
                .expectException(CommandRefusedException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleChargeDeliveryCommand(CHARGE.id(), "charge-order-1", "order-1", null))
                .expectExceptionMessage("the destination is required");
    }

    @Test
    void aRefusedChargeIsRetriedAfterTheBackOff() {
        fixture.given(CHARGE.scheduled())
                .when(new RecordDeliveryAttemptCommand(CHARGE.id(), 1, false, "AR", "AR: unknown account"))
                .expectEvents(new DeliveryAttemptedEvent(CHARGE.id(), 1, false, "AR", "AR: unknown account"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), OutboundDelivery.RETRY_DEADLINE);
    }
}
