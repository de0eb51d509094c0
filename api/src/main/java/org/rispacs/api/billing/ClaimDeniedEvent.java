package org.rispacs.api.billing;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ClaimDeniedEvent(
        String chargeId,
        String claimId,
        String reason) {
}
