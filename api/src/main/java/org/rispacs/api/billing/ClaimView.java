package org.rispacs.api.billing;

import java.math.BigDecimal;
import java.time.Instant;

/** One claim submitted for a charge (and the charge's patient); a charge whose claim was denied may have several. */
public record ClaimView(
        String claimId,
        String chargeId,
        String patientId,
        String issuerOfPatientId,
        ClaimStatus status,
        String denialReason,
        BigDecimal amount,
        String currency,
        Instant submittedAt,
        Instant decidedAt) {
}
