package org.rispacs.api.billing;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsCharge;

@Revision("1")
public record ClaimSubmittedEvent(
        String chargeId,
        String claimId) implements ConcernsCharge {
}
