package org.rispacs.command.delivery;

import java.util.List;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportSignedEvent;

class ReportDistributionSagaTest {

    static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    static final ReportSignedEvent SIGNED = new ReportSignedEvent("r1", "order-1", "2.25.1", RADIOLOGIST, "text");

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ReportDistributionSaga.class);
        fixture.registerResource((ReportDestinations) () -> List.of("EHR", "PORTAL"));
    }

    @Test
    void aSignedReportGoesToEveryDestination() {
        fixture.givenNoPriorActivity()
                .whenAggregate("r1").publishes(SIGNED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ScheduleReportDeliveryCommand("r1/EHR/0", "r1", "order-1", "EHR", ResultStatus.FINAL),
                        new ScheduleReportDeliveryCommand("r1/PORTAL/0", "r1", "order-1", "PORTAL",
                                ResultStatus.FINAL));
    }

    @Test
    void anAddendumGoesOutAsACorrectedResult() {
        fixture.givenAggregate("r1").published(SIGNED)
                .whenAggregate("r1").publishes(new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "add"))
                .expectDispatchedCommands(
                        new ScheduleReportDeliveryCommand("r1/EHR/1", "r1", "order-1", "EHR", ResultStatus.CORRECTED),
                        new ScheduleReportDeliveryCommand("r1/PORTAL/1", "r1", "order-1", "PORTAL",
                                ResultStatus.CORRECTED));
    }

    @Test
    void aRepeatedSignatureAsksForTheSameDeliveries() {
        fixture.givenAggregate("r1").published(SIGNED)
                .whenAggregate("r1").publishes(SIGNED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ScheduleReportDeliveryCommand("r1/EHR/0", "r1", "order-1", "EHR", ResultStatus.FINAL),
                        new ScheduleReportDeliveryCommand("r1/PORTAL/0", "r1", "order-1", "PORTAL",
                                ResultStatus.FINAL));
    }
}
