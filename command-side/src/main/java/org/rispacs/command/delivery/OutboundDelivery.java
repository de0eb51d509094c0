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
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;
import org.rispacs.api.delivery.ScheduleNotificationDeliveryCommand;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;
import org.rispacs.api.subscription.SubscriptionNotification;

/**
 * One outbound message on its way to one destination, tracked to its acknowledgement: a report
 * version (ORU^R01), a captured charge (DFT^P03) or a FHIR subscription's notification (a rest-hook
 * POST), see {@link DeliveryKind}. The sender (the HL7
 * edge) makes attempt 1 on {@link DeliveryScheduledEvent} and attempt n on
 * {@link DeliveryRetryDueEvent}, asking this aggregate first whether the attempt is still due;
 * this aggregate keeps the count, waits out the back-off with a deadline, and declares the
 * delivery delivered on an AA or failed when the policy is exhausted.
 *
 * <p>The aggregate type keeps the name the class had before it carried charges too
 * ({@value #STORED_TYPE}): the event store's {@code type} column and the retry deadlines waiting in
 * {@code scheduled_tasks} name it, and a deadline is routed to the aggregate whose type it names.
 */
@Aggregate(type = OutboundDelivery.STORED_TYPE)
class OutboundDelivery {

    static final String STORED_TYPE = "ReportDelivery";
    /** The deadline's name as stored with the waiting retries. */
    static final String RETRY_DEADLINE = "report-delivery-retry";

    @AggregateIdentifier
    private String deliveryId;
    private DeliveryScheduledEvent scheduled;
    private int currentAttempt;
    private boolean currentAttemptRecorded;
    private boolean finished;

    OutboundDelivery() {
        // rebuilt from events
    }

    /** Scheduling the same delivery twice (a replayed signature event) schedules it once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ScheduleReportDeliveryCommand command) {
        schedule(command.reportId(), "the report", new DeliveryScheduledEvent(command.deliveryId(),
                DeliveryKind.REPORT_RESULT, command.destination(), command.orderId(), command.reportId(),
                command.resultStatus(), null, null));
    }

    /** Scheduling the same charge twice (a replayed capture) schedules it once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ScheduleChargeDeliveryCommand command) {
        schedule(command.chargeId(), "the charge", new DeliveryScheduledEvent(command.deliveryId(),
                DeliveryKind.CHARGE, command.destination(), command.orderId(), null, null, command.chargeId(), null));
    }

    /**
     * Scheduling the same notification twice (a replayed trigger) schedules it once. The destination
     * is the subscription: its endpoint may change, its notifications' order may not.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ScheduleNotificationDeliveryCommand command) {
        SubscriptionNotification notification = command.notification();
        schedule(notification == null ? null : notification.focusId(), "the notification's focus",
                new DeliveryScheduledEvent(command.deliveryId(), DeliveryKind.FHIR_NOTIFICATION,
                        notification == null ? null : notification.subscriptionId(), null, null, null, null,
                        notification));
    }

    /** @param carried what the delivery carries (the report, the charge), named {@code what} when missing */
    private void schedule(String carried, String what, DeliveryScheduledEvent scheduling) {
        if (deliveryId != null) {
            return;
        }
        requireText(carried, what);
        requireText(scheduling.destination(), "the destination");
        apply(scheduling);
    }

    @CommandHandler
    DueDeliveryAttempt handle(FindDueDeliveryAttemptCommand command) {
        if (finished || currentAttemptRecorded) {
            return null;
        }
        return new DueDeliveryAttempt(deliveryId, currentAttempt, scheduled.kind(), scheduled.destination(),
                scheduled.orderId(), scheduled.reportId(), scheduled.resultStatus(), scheduled.chargeId(),
                scheduled.notification());
    }

    /** Outcomes of attempts other than the current one, or of one already recorded (late, duplicated), are ignored. */
    @CommandHandler
    void handle(RecordDeliveryAttemptCommand command, MetaData metaData, DeliveryRetryPolicy policy,
                DeadlineManager deadlines) {
        if (finished || currentAttemptRecorded || command.attempt() != currentAttempt) {
            return;
        }
        apply(new DeliveryAttemptedEvent(deliveryId, command.attempt(), command.acknowledged(),
                command.ackCode(), command.error()));
        if (command.acknowledged()) {
            apply(new DeliveredEvent(deliveryId, scheduled.kind(), scheduled.reportId(), scheduled.destination(),
                    command.ackCode()));
        } else if (command.attempt() >= policy.maxAttempts()) {
            String error = command.error() != null ? command.error() : "ACK " + command.ackCode();
            apply(new DeliveryFailedEvent(deliveryId, scheduled.kind(), scheduled.reportId(),
                    scheduled.destination(), command.attempt(), error));
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

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retryDue(MetaData audit) {
        if (!finished) {
            apply(new DeliveryRetryDueEvent(deliveryId, scheduled.kind(), currentAttempt + 1), audit);
        }
    }

    @EventSourcingHandler
    void on(DeliveryScheduledEvent event) {
        deliveryId = event.deliveryId();
        scheduled = event;
        currentAttempt = 1;
    }

    @EventSourcingHandler
    void on(DeliveryAttemptedEvent event) {
        currentAttemptRecorded = true;
    }

    @EventSourcingHandler
    void on(DeliveryRetryDueEvent event) {
        currentAttempt = event.attempt();
        currentAttemptRecorded = false;
    }

    @EventSourcingHandler
    void on(DeliveredEvent event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(DeliveryFailedEvent event) {
        finished = true;
    }
}
