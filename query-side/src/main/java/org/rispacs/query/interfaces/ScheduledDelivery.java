package org.rispacs.query.interfaces;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A delivery as it starts (index {@code deliveries}): pending, no attempt yet. What it carries is
 * named by the ids of its kind (a report and its result status, or a charge; a FHIR notification only by its
 * destination, the subscription); the others are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScheduledDelivery(String deliveryId, String orderId, String destination, String kind, String status,
                         int attempts, Instant scheduledAt, String reportId, String resultStatus, String chargeId) {

    static ScheduledDelivery ofReport(String deliveryId, String orderId, String destination, Instant when,
                                      String reportId, String resultStatus) {
        return new ScheduledDelivery(deliveryId, orderId, destination, InterfaceHealthProjection.REPORT,
                InterfaceHealthProjection.PENDING, 0, when, reportId, resultStatus, null);
    }

    static ScheduledDelivery ofCharge(String deliveryId, String orderId, String destination, Instant when,
                                      String chargeId) {
        return new ScheduledDelivery(deliveryId, orderId, destination, InterfaceHealthProjection.CHARGE,
                InterfaceHealthProjection.PENDING, 0, when, null, null, chargeId);
    }

    static ScheduledDelivery ofNotification(String deliveryId, String subscriptionId, Instant when) {
        return new ScheduledDelivery(deliveryId, null, subscriptionId, InterfaceHealthProjection.FHIR_NOTIFICATION,
                InterfaceHealthProjection.PENDING, 0, when, null, null, null);
    }
}
