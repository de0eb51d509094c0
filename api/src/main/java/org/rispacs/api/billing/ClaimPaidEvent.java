package org.rispacs.api.billing;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsCharge;

@Revision("1")
public record ClaimPaidEvent(
        String chargeId,
        String claimId,
        BigDecimal amount,
        String currency) implements ConcernsCharge {
}
