package org.rispacs.api.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A charge on the billing queue with its latest claim.
 *
 * @param amount paid amount, known once the claim is paid
 */
public record ChargeView(
        String chargeId,
        String orderId,
        String studyInstanceUid,
        String patientId,
        String issuerOfPatientId,
        String procedureCode,
        String procedureDescription,
        String modality,
        ChargeStatus status,
        String claimId,
        String denialReason,
        String voidReason,
        BigDecimal amount,
        String currency,
        Instant capturedAt,
        Instant updatedAt) {
}
