package org.rispacs.command.delivery;

import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;

/** One tracked delivery of order-1, of either kind, and the events it goes through. */
record DeliveryCase(String id, DeliveryKind kind, String destination, String reportId, ResultStatus resultStatus,
                    String chargeId, Object schedule) {

    /** A report version (ORU^R01) on its way to the EHR. */
    static final DeliveryCase REPORT = new DeliveryCase("r1/EHR/0", DeliveryKind.REPORT_RESULT, "EHR", "r1",
            ResultStatus.FINAL, null,
            new ScheduleReportDeliveryCommand("r1/EHR/0", "r1", "order-1", "EHR", ResultStatus.FINAL));

    /** A charge message (DFT^P03) on its way to billing. */
    static final DeliveryCase CHARGE = new DeliveryCase("charge/charge-order-1/BILLING", DeliveryKind.CHARGE,
            "BILLING", null, null, "charge-order-1",
            new ScheduleChargeDeliveryCommand("charge/charge-order-1/BILLING", "charge-order-1", "order-1",
                    "BILLING"));

    static DeliveryCase[] both() {
        return new DeliveryCase[] {REPORT, CHARGE};
    }

    DeliveryScheduledEvent scheduled() {
        return new DeliveryScheduledEvent(id, kind, destination, "order-1", reportId, resultStatus, chargeId, null);
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
        return new DueDeliveryAttempt(id, attempt, kind, destination, "order-1", reportId, resultStatus, chargeId,
                null);
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
