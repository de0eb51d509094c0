package org.rispacs.api.billing;

/** Claims, optionally of one status; newest submission first. */
public record FindClaimsQuery(ClaimStatus status, int page, int size) {
}
