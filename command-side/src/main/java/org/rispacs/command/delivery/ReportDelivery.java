package org.rispacs.command.delivery;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.requireText;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.ChargeDeliveryScheduledEvent;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ReportDeliveredEvent;
import org.rispacs.api.delivery.ReportDeliveryAttemptedEvent;
import org.rispacs.api.delivery.ReportDeliveryFailedEvent;
import org.rispacs.api.delivery.ReportDeliveryRetryDueEvent;
import org.rispacs.api.delivery.ReportDeliveryScheduledEvent;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;

/**
 * One outbound message on its way to one destination, tracked to its acknowledgement: a report
 * version (ORU^R01) or a captured charge (DFT^P03). The sender (the HL7 edge) makes attempt 1 on
 * {@link ReportDeliveryScheduledEvent} / {@link ChargeDeliveryScheduledEvent} and attempt n on
 * {@link ReportDeliveryRetryDueEvent}; this aggregate keeps the count, waits out the back-off with
 * a deadline, and declares the delivery delivered on an AA or failed when the policy is exhausted.
 * Both kinds share that lifecycle and its events (named after reports, which came first); the
 * report id is null for a charge.
 */
@Aggregate
class ReportDelivery {

    static final String RETRY_DEADLINE = "report-delivery-retry";

    @AggregateIdentifier
    private String deliveryId;
    private String reportId;
    private String destination;
    private int currentAttempt;
    private boolean finished;

    ReportDelivery() {
        // rebuilt from events
    }

    /** Scheduling the same delivery twice (a replayed signature event) schedules it once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ScheduleReportDeliveryCommand command) {
        if (deliveryId != null) {
            return;
        }
        requireText(command.reportId(), "the report");
        requireText(command.destination(), "the destination");
        apply(new ReportDeliveryScheduledEvent(command.deliveryId(), command.reportId(), command.orderId(),
                command.destination(), command.resultStatus()));
    }

    /** Scheduling the same charge twice (a replayed capture) schedules it once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ScheduleChargeDeliveryCommand command) {
        if (deliveryId != null) {
            return;
        }
        requireText(command.chargeId(), "the charge");
        requireText(command.destination(), "the destination");
        apply(new ChargeDeliveryScheduledEvent(command.deliveryId(), command.chargeId(), command.orderId(),
                command.destination()));
    }

    /** Outcomes of attempts other than the current one (late, duplicated) are ignored. */
    @CommandHandler
    void handle(RecordDeliveryAttemptCommand command, MetaData metaData, DeliveryRetryPolicy policy,
                DeadlineManager deadlines) {
        if (finished || command.attempt() != currentAttempt) {
            return;
        }
        apply(new ReportDeliveryAttemptedEvent(deliveryId, command.attempt(), command.acknowledged(),
                command.ackCode(), command.error()));
        if (command.acknowledged()) {
            apply(new ReportDeliveredEvent(deliveryId, reportId, destination, command.ackCode()));
        } else if (command.attempt() >= policy.maxAttempts()) {
            String error = command.error() != null ? command.error() : "ACK " + command.ackCode();
            apply(new ReportDeliveryFailedEvent(deliveryId, reportId, destination, command.attempt(), error));
        } else {
            deadlines.schedule(policy.delayAfter(command.attempt()), RETRY_DEADLINE,
                    new GenericMessage<>(command.attempt(), retryAudit(command.attempt(), metaData)));
        }
    }

    /**
     * The retry is the system's own doing, on behalf of the interface whose attempt failed; the
     * deadline carries that (and the correlation) to the event it causes, since no command does.
     */
    private MetaData retryAudit(int failedAttempt, MetaData attempt) {
        Map<String, Object> audit = new HashMap<>();
        audit.put(AuditMetadata.ACTOR, attempt.getOrDefault(AuditMetadata.ACTOR, "system"));
        audit.put(AuditMetadata.CHANNEL, "system");
        audit.put(AuditMetadata.SOURCE, "retry of " + deliveryId + " after attempt " + failedAttempt
                + " was not accepted");
        for (String key : new String[] {"correlationId", "traceId"}) {
            if (attempt.get(key) != null) {
                audit.put(key, attempt.get(key));
            }
        }
        return MetaData.from(audit);
    }

    /** Deadlines scheduled by earlier versions carry no audit metadata; the event then has none either. */
    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retryDue(MetaData audit) {
        if (!finished) {
            apply(new ReportDeliveryRetryDueEvent(deliveryId, currentAttempt + 1), audit);
        }
    }

    @EventSourcingHandler
    void on(ReportDeliveryScheduledEvent event) {
        deliveryId = event.deliveryId();
        reportId = event.reportId();
        destination = event.destination();
        currentAttempt = 1;
    }

    @EventSourcingHandler
    void on(ChargeDeliveryScheduledEvent event) {
        deliveryId = event.deliveryId();
        destination = event.destination();
        currentAttempt = 1;
    }

    @EventSourcingHandler
    void on(ReportDeliveryRetryDueEvent event) {
        currentAttempt = event.attempt();
    }

    @EventSourcingHandler
    void on(ReportDeliveredEvent event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(ReportDeliveryFailedEvent event) {
        finished = true;
    }
}
