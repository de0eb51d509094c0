package org.rispacs.query.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.rispacs.api.billing.ClaimStatus;

/** What a payer's answer writes to a {@link ClaimDocument}: a denial's reason, or a payment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClaimDecision(ClaimStatus status, String denialReason, String amount, String currency, Instant decidedAt) {

    static ClaimDecision denied(String reason, Instant when) {
        return new ClaimDecision(ClaimStatus.DENIED, reason, null, null, when);
    }

    static ClaimDecision paid(String amount, String currency, Instant when) {
        return new ClaimDecision(ClaimStatus.PAID, null, amount, currency, when);
    }
}
