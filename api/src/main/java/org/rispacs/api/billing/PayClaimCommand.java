package org.rispacs.api.billing;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the payment of a claim.
 *
 * @param amount        in {@code currency}, at most its decimal places; positive, or zero when
 *                      {@code zeroConfirmed} (the payer paid nothing, and someone confirmed it)
 * @param zeroConfirmed a zero payment is meant, not a slip of the keyboard
 */
public record PayClaimCommand(
        @TargetAggregateIdentifier String chargeId,
        String claimId,
        BigDecimal amount,
        String currency,
        boolean zeroConfirmed) {

    public PayClaimCommand(String chargeId, String claimId, BigDecimal amount, String currency) {
        this(chargeId, claimId, amount, currency, false);
    }
}
