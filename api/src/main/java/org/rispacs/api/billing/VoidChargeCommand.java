package org.rispacs.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record VoidChargeCommand(
        @TargetAggregateIdentifier String chargeId,
        String reason) {
}
