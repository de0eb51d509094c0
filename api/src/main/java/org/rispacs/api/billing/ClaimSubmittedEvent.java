package org.rispacs.api.billing;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ClaimSubmittedEvent(
        String chargeId,
        String claimId) {
}
