package org.rispacs.api.billing;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ClaimPaidEvent(
        String chargeId,
        String claimId,
        BigDecimal amount,
        String currency) {
}
