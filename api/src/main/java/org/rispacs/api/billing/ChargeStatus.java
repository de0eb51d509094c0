package org.rispacs.api.billing;

/** Where a charge stands in billing; a denied claim may be resubmitted. */
public enum ChargeStatus {
    CAPTURED,
    VOIDED,
    CLAIM_SUBMITTED,
    CLAIM_DENIED,
    PAID
}
