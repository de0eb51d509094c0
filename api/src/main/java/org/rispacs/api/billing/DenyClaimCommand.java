package org.rispacs.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DenyClaimCommand(
        @TargetAggregateIdentifier String chargeId,
        String claimId,
        String reason) {
}
