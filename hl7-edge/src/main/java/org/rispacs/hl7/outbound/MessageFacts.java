package org.rispacs.hl7.outbound;

import org.rispacs.api.delivery.DueDeliveryAttempt;

/** What the workflow recorded that an outbound message carries, read when the message is written. */
public interface MessageFacts {

    /**
     * The report version a delivery of kind {@code REPORT_RESULT} carries.
     *
     * @throws IllegalStateException when a fact the message needs is missing
     */
    ReportResult reportResult(DueDeliveryAttempt delivery);

    /**
     * The charge a delivery of kind {@code CHARGE} carries.
     *
     * @throws IllegalStateException when a fact the message needs is missing
     */
    ChargeDetails charge(DueDeliveryAttempt delivery);
}
