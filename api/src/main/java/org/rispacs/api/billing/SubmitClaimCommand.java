package org.rispacs.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitClaimCommand(
        @TargetAggregateIdentifier String chargeId,
        String claimId) {
}
