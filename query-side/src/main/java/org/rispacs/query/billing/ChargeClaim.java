package org.rispacs.query.billing;

import java.time.Instant;
import org.rispacs.api.billing.ChargeStatus;

/** What a claim submitted or denied writes to a {@link ChargeDocument}: a submission clears the denial. */
record ChargeClaim(ChargeStatus status, Instant updatedAt, String claimId, String denialReason) {
}
