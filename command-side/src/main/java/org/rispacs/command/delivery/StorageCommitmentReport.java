package org.rispacs.command.delivery;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.delivery.GiveUpStorageCommitmentReportCommand;
import org.rispacs.api.delivery.RecordStorageCommitmentReportDeliveredCommand;
import org.rispacs.api.delivery.StorageCommitmentReportDeliveredEvent;
import org.rispacs.api.delivery.StorageCommitmentReportFailedEvent;

/**
 * The report of one storage commitment transaction, by Transaction UID, once its delivery has been
 * given up. The DICOM edge attempts and retries the delivery itself (its pending transactions are
 * durable there); only the giving up is a workflow fact, which an operator has to see, and the
 * delivery of a report given up and sent again, which clears what the operator saw.
 */
@Aggregate
class StorageCommitmentReport {

    @AggregateIdentifier
    private String transactionUid;
    private String requesterAeTitle;
    private boolean delivered;

    StorageCommitmentReport() {
        // rebuilt from events
    }

    /** Giving up twice (a restart between the two steps of giving up) records it once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(GiveUpStorageCommitmentReportCommand command) {
        if (transactionUid != null) {
            return;
        }
        requireText(command.transactionUid(), "the Transaction UID");
        requireText(command.requesterAeTitle(), "the requester's AE title");
        require(command.attempts() > 0, RefusalCode.INVALID, "a report is given up after at least one attempt");
        apply(new StorageCommitmentReportFailedEvent(command.transactionUid(), command.requesterAeTitle(),
                command.committed(), command.failed(), command.attempts(), command.lastError()));
    }

    /** Sent again and delivered (from interface health, or at a start that found its requester's address). */
    @CommandHandler
    void handle(RecordStorageCommitmentReportDeliveredCommand command) {
        if (delivered) {
            return;
        }
        apply(new StorageCommitmentReportDeliveredEvent(transactionUid, requesterAeTitle, command.attempts()));
    }

    @EventSourcingHandler
    void on(StorageCommitmentReportFailedEvent event) {
        transactionUid = event.transactionUid();
        requesterAeTitle = event.requesterAeTitle();
    }

    @EventSourcingHandler
    void on(StorageCommitmentReportDeliveredEvent event) {
        delivered = true;
    }
}
