package org.rispacs.command.delivery;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;

class ReportDistributionSagaTest {

    static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    static final Actor RESIDENT = new Actor("res1", "Rita Resident", ClinicalRole.RESIDENT);
    static final ReportDraftedEvent DRAFTED = new ReportDraftedEvent("r1", "order-1", "2.25.1", RESIDENT, "draft");
    static final ReportSignedPreliminaryEvent PRELIMINARY = new ReportSignedPreliminaryEvent("r1", RESIDENT);
    static final ReportSignedEvent SIGNED = new ReportSignedEvent("r1", "order-1", "2.25.1", RADIOLOGIST, "text");

    private final Set<String> finalsOnly = new HashSet<>();
    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ReportDistributionSaga.class);
        fixture.registerResource(destinations());
    }

    /** EHR and PORTAL; those in {@link #finalsOnly} want no preliminary results. */
    private ReportDestinations destinations() {
        return new ReportDestinations() {
            @Override
            public List<String> names() {
                return List.of("EHR", "PORTAL");
            }

            @Override
            public boolean sendsPreliminary(String destination) {
                return !finalsOnly.contains(destination);
            }
        };
    }

    /** The delivery of report r1 of order-1 to a destination, its id naming the version ("0", "1", "preliminary"). */
    private static ScheduleReportDeliveryCommand delivery(String destination, String version, ResultStatus status) {
        return new ScheduleReportDeliveryCommand("r1/" + destination + "/" + version, "r1", "order-1", destination,
                status);
    }

    private static Object[] toEveryDestination(String version, ResultStatus status) {
        return new Object[] {delivery("EHR", version, status), delivery("PORTAL", version, status)};
    }

    @Test
    void aSignedReportGoesToEveryDestination() {
        fixture.givenAggregate("r1").published(DRAFTED)
                .whenAggregate("r1").publishes(SIGNED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(toEveryDestination("0", ResultStatus.FINAL));
    }

    @Test
    void anAddendumGoesOutAsACorrectedResult() {
        fixture.givenAggregate("r1").published(DRAFTED, SIGNED)
                .whenAggregate("r1").publishes(new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "add"))
                .expectDispatchedCommands(toEveryDestination("1", ResultStatus.CORRECTED));
    }

    @Test
    void aRepeatedSignatureAsksForTheSameDeliveries() {
        fixture.givenAggregate("r1").published(DRAFTED, SIGNED)
                .whenAggregate("r1").publishes(SIGNED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(toEveryDestination("0", ResultStatus.FINAL));
    }

    @Test
    void aDraftSchedulesNothingButRemembersTheOrder() {
        fixture.givenNoPriorActivity()
                .whenAggregate("r1").publishes(DRAFTED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aPreliminarySignatureGoesOutAsAPreliminaryResultForTheDraftedOrder() {
        fixture.givenAggregate("r1").published(DRAFTED, new ReportRevisedEvent("r1", RESIDENT, "better"))
                .whenAggregate("r1").publishes(PRELIMINARY)
                .expectActiveSagas(1)
                .expectDispatchedCommands(toEveryDestination("preliminary", ResultStatus.PRELIMINARY));
    }

    @Test
    void aDestinationForFinalsOnlyGetsNoPreliminaryResultButTheFinalAndCorrectedOnes() {
        finalsOnly.add("PORTAL");
        fixture.givenAggregate("r1").published(DRAFTED)
                .whenAggregate("r1").publishes(PRELIMINARY)
                .expectDispatchedCommands(delivery("EHR", "preliminary", ResultStatus.PRELIMINARY));
        fixture.givenAggregate("r1").published(DRAFTED, PRELIMINARY)
                .whenAggregate("r1").publishes(SIGNED)
                .expectDispatchedCommands(toEveryDestination("0", ResultStatus.FINAL));
    }

    @Test
    void anAddendumAfterAPreliminaryAndAFinalSignatureIsTheCorrectedResult() {
        fixture.givenAggregate("r1").published(DRAFTED, PRELIMINARY, SIGNED)
                .whenAggregate("r1").publishes(new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "add"))
                .expectActiveSagas(1)
                .expectDispatchedCommands(toEveryDestination("1", ResultStatus.CORRECTED));
    }
}
