package org.rispacs.query.billing;

import java.time.Instant;
import org.rispacs.api.billing.ChargeStatus;

/** What a claim paid writes to a {@link ChargeDocument}; the amount as a decimal string. */
record ChargePayment(ChargeStatus status, Instant updatedAt, String claimId, String amount, String currency) {
}
