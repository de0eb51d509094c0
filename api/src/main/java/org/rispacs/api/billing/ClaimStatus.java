package org.rispacs.api.billing;

public enum ClaimStatus {
    SUBMITTED,
    DENIED,
    PAID
}
