package org.rispacs.command.delivery;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;

/** A charge message (DFT^P03) goes through the same tracked delivery as a report. */
class ChargeDeliveryTest {

    static final String ID = "charge/charge-order-1/BILLING";
    static final DeliveryScheduledEvent SCHEDULED = new DeliveryScheduledEvent(ID, DeliveryKind.CHARGE, "BILLING",
            "order-1", null, null, "charge-order-1");
    static final DeliveryRetryDueEvent RETRY_2 = new DeliveryRetryDueEvent(ID, DeliveryKind.CHARGE, 2);
    static final DeliveryRetryDueEvent RETRY_3 = new DeliveryRetryDueEvent(ID, DeliveryKind.CHARGE, 3);
    static final DeliveryRetryPolicy POLICY = new DeliveryRetryPolicy(3, Duration.ofSeconds(10), 2,
            Duration.ofMinutes(5));

    private FixtureConfiguration<OutboundDelivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OutboundDelivery.class);
        fixture.registerInjectableResource(POLICY);
    }

    @Test
    void schedulesOnceEvenIfAskedTwice() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleChargeDeliveryCommand(ID, "charge-order-1", "order-1", "BILLING"))
                .expectEvents(SCHEDULED);
        fixture.given(SCHEDULED)
                .when(new ScheduleChargeDeliveryCommand(ID, "charge-order-1", "order-1", "BILLING"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aChargeAndADestinationAreRequired() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleChargeDeliveryCommand(ID, " ", "order-1", "BILLING"))
                .expectException(CommandRefusedException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ScheduleChargeDeliveryCommand(ID, "charge-order-1", "order-1", null))
                .expectExceptionMessage("the destination is required");
    }

    @Test
    void anAcceptAcknowledgementDelivers() {
        fixture.given(SCHEDULED)
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectEvents(new DeliveryAttemptedEvent(ID, 1, true, "AA", null),
                        new DeliveredEvent(ID, DeliveryKind.CHARGE, null, "BILLING", "AA"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRefusedChargeIsRetriedAfterTheBackOff() {
        fixture.given(SCHEDULED)
                .when(new RecordDeliveryAttemptCommand(ID, 1, false, "AR", "AR: unknown account"))
                .expectEvents(new DeliveryAttemptedEvent(ID, 1, false, "AR", "AR: unknown account"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), OutboundDelivery.RETRY_DEADLINE);
    }

    @Test
    void whenTheBackOffHasPassedTheNextAttemptIsDue() {
        fixture.given(SCHEDULED)
                .andGivenCommands(new RecordDeliveryAttemptCommand(ID, 1, false, null, "connection refused"))
                .whenTimeElapses(Duration.ofSeconds(11))
                .expectEvents(new DeliveryRetryDueEvent(ID, DeliveryKind.CHARGE, 2));
    }

    @Test
    void failsWhenThePolicyIsExhausted() {
        fixture.given(SCHEDULED, RETRY_2, RETRY_3)
                .when(new RecordDeliveryAttemptCommand(ID, 3, false, null, "garbled acknowledgement"))
                .expectEvents(new DeliveryAttemptedEvent(ID, 3, false, null, "garbled acknowledgement"),
                        new DeliveryFailedEvent(ID, DeliveryKind.CHARGE, null, "BILLING", 3, "garbled acknowledgement"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void lateOutcomesAreIgnored() {
        fixture.given(SCHEDULED, new DeliveryRetryDueEvent(ID, DeliveryKind.CHARGE, 2))
                .when(new RecordDeliveryAttemptCommand(ID, 1, false, "AE", "late"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(SCHEDULED, new DeliveredEvent(ID, DeliveryKind.CHARGE, null, "BILLING", "AA"))
                .when(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null))
                .expectNoEvents();
    }
}
