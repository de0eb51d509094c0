package org.rispacs.api.order;

import java.time.Instant;

/** An order as the read model sees it. */
public record OrderView(
        String orderId,
        String patientId,
        String patientIdIssuer,
        String procedureCode,
        String modality,
        OrderPriority priority,
        String accessionNumber,
        Instant placedAt) {
}
