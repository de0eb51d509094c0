package org.rispacs.api.billing;

/** Charges, optionally of one status; oldest capture first. */
public record FindChargesQuery(ChargeStatus status, int page, int size) {
}
