package org.rispacs.api.billing;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PayClaimCommand(
        @TargetAggregateIdentifier String chargeId,
        String claimId,
        BigDecimal amount,
        String currency) {
}
