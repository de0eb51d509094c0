package org.rispacs.command.delivery;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.delivery.GiveUpStorageCommitmentReportCommand;
import org.rispacs.api.delivery.RecordStorageCommitmentReportDeliveredCommand;
import org.rispacs.api.delivery.StorageCommitmentReportDeliveredEvent;
import org.rispacs.api.delivery.StorageCommitmentReportFailedEvent;

class StorageCommitmentReportTest {

    static final String TRANSACTION = "2.25.1234";
    static final GiveUpStorageCommitmentReportCommand GIVE_UP = new GiveUpStorageCommitmentReportCommand(TRANSACTION,
            "MOD3", 2, 1, 10, "Connection refused");
    static final StorageCommitmentReportFailedEvent FAILED = new StorageCommitmentReportFailedEvent(TRANSACTION,
            "MOD3", 2, 1, 10, "Connection refused");

    private FixtureConfiguration<StorageCommitmentReport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StorageCommitmentReport.class);
    }

    @Test
    void givingUpRecordsTheFailedReport() {
        fixture.givenNoPriorActivity().when(GIVE_UP).expectSuccessfulHandlerExecution().expectEvents(FAILED);
    }

    @Test
    void givingUpAgainAfterARestartRecordsNothingMore() {
        fixture.given(FAILED).when(GIVE_UP).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aReportWithoutRequesterOrAttemptsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new GiveUpStorageCommitmentReportCommand(TRANSACTION, " ", 0, 1, 10, "refused"))
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("the requester's AE title is required").expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new GiveUpStorageCommitmentReportCommand(TRANSACTION, "MOD3", 0, 1, 0, "refused"))
                .expectException(CommandRefusedException.class).expectNoEvents();
    }

    @Test
    void aGivenUpReportSentAgainIsRecordedDeliveredOnce() {
        fixture.given(FAILED).when(new RecordStorageCommitmentReportDeliveredCommand(TRANSACTION, 1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StorageCommitmentReportDeliveredEvent(TRANSACTION, "MOD3", 1));
        fixture.given(FAILED, new StorageCommitmentReportDeliveredEvent(TRANSACTION, "MOD3", 1))
                .when(new RecordStorageCommitmentReportDeliveredCommand(TRANSACTION, 1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
