package org.rispacs.command.delivery;

import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;
import org.rispacs.api.delivery.ScheduleNotificationDeliveryCommand;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionTopic;

/** One tracked delivery, of each kind, and the events it goes through. */
record DeliveryCase(String id, DeliveryKind kind, String destination, String orderId, String reportId,
                    ResultStatus resultStatus, String chargeId, SubscriptionNotification notification,
                    Object schedule) {

    /** A report version (ORU^R01) of order-1 on its way to the EHR. */
    static final DeliveryCase REPORT = new DeliveryCase("r1/EHR/0", DeliveryKind.REPORT_RESULT, "EHR", "order-1",
            "r1", ResultStatus.FINAL, null, null,
            new ScheduleReportDeliveryCommand("r1/EHR/0", "r1", "order-1", "EHR", ResultStatus.FINAL));

    /** A charge message (DFT^P03) of order-1 on its way to billing. */
    static final DeliveryCase CHARGE = new DeliveryCase("charge/charge-order-1/BILLING", DeliveryKind.CHARGE,
            "BILLING", "order-1", null, null, "charge-order-1", null,
            new ScheduleChargeDeliveryCommand("charge/charge-order-1/BILLING", "charge-order-1", "order-1",
                    "BILLING"));

    private static final SubscriptionNotification THIRD_OF_S1 = new SubscriptionNotification("s1", 3,
            SubscriptionTopic.REPORT_FINALIZED, "r1");

    /** The third notification of FHIR subscription s1, on its way to the subscription's endpoint; no order. */
    static final DeliveryCase NOTIFICATION = new DeliveryCase("subscription/s1/3", DeliveryKind.FHIR_NOTIFICATION,
            "s1", null, null, null, null, THIRD_OF_S1,
            new ScheduleNotificationDeliveryCommand("subscription/s1/3", THIRD_OF_S1));

    static DeliveryCase[] everyKind() {
        return new DeliveryCase[] {REPORT, CHARGE, NOTIFICATION};
    }

    DeliveryScheduledEvent scheduled() {
        return new DeliveryScheduledEvent(id, kind, destination, orderId, reportId, resultStatus, chargeId,
                notification);
    }

    DeliveryRetryDueEvent retryDue(int attempt) {
        return new DeliveryRetryDueEvent(id, kind, attempt);
    }

    DeliveredEvent delivered(String ackCode) {
        return new DeliveredEvent(id, kind, reportId, destination, ackCode);
    }

    DeliveryFailedEvent failed(int attempt, String error) {
        return new DeliveryFailedEvent(id, kind, reportId, destination, attempt, error);
    }

    DueDeliveryAttempt due(int attempt) {
        return new DueDeliveryAttempt(id, attempt, kind, destination, orderId, reportId, resultStatus, chargeId,
                notification);
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
