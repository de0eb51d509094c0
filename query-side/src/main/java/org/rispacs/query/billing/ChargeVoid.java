package org.rispacs.query.billing;

import java.time.Instant;
import org.rispacs.api.billing.ChargeStatus;

/** What voiding writes to a {@link ChargeDocument}. */
record ChargeVoid(ChargeStatus status, Instant updatedAt, String voidReason) {
}
