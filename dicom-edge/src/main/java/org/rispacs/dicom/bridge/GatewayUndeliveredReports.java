package org.rispacs.dicom.bridge;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.GiveUpStorageCommitmentReportCommand;
import org.rispacs.api.delivery.RecordStorageCommitmentReportDeliveredCommand;
import org.rispacs.dicom.service.commitment.CommitmentRequest;
import org.rispacs.dicom.service.commitment.CommitmentResult;
import org.rispacs.dicom.service.commitment.UndeliveredReports;

/**
 * A storage commitment report given up is recorded in the workflow ({@code GiveUpStorageCommitmentReport}),
 * and so is its delivery when it is sent again ({@code RecordStorageCommitmentReportDelivered}).
 */
public final class GatewayUndeliveredReports implements UndeliveredReports {

    private final CommandGateway commands;

    public GatewayUndeliveredReports(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void givenUp(CommitmentRequest request, CommitmentResult result, int attempts, String lastError) {
        GiveUpStorageCommitmentReportCommand command = new GiveUpStorageCommitmentReportCommand(
                request.transactionUid(), request.requesterAeTitle(), result.committed().size(),
                result.failed().size(), attempts, lastError);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                AuditMetadata.ACTOR, "dicom:" + request.ourAeTitle(),
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "storage commitment " + request.transactionUid() + " report to "
                        + request.requesterAeTitle())));
    }

    @Override
    public void deliveredAfterGivingUp(CommitmentRequest request, int attempts) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new RecordStorageCommitmentReportDeliveredCommand(request.transactionUid(), attempts))
                .andMetaData(Map.of(
                        AuditMetadata.ACTOR, "dicom:" + request.ourAeTitle(),
                        AuditMetadata.CHANNEL, "dicom",
                        AuditMetadata.SOURCE, "storage commitment " + request.transactionUid()
                                + " report sent again to " + request.requesterAeTitle())));
    }
}
