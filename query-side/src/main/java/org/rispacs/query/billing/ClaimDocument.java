package org.rispacs.query.billing;

import java.math.BigDecimal;
import java.time.Instant;
import org.rispacs.api.billing.ClaimStatus;
import org.rispacs.api.billing.ClaimView;

/** A document of the claims index ({@code billing-claims}), as read; the amount as a decimal string. */
record ClaimDocument(
        String claimId,
        String chargeId,
        String patientId,
        String issuerOfPatientId,
        ClaimStatus status,
        String denialReason,
        String amount,
        String currency,
        Instant submittedAt,
        Instant decidedAt) {

    ClaimView view() {
        return new ClaimView(claimId, chargeId, patientId, issuerOfPatientId, status, denialReason,
                amount == null ? null : new BigDecimal(amount), currency, submittedAt, decidedAt);
    }
}
