package org.rispacs.command.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.illegalTransition;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.billing.CaptureChargeCommand;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeVoidedEvent;
import org.rispacs.api.billing.ClaimDeniedEvent;
import org.rispacs.api.billing.ClaimPaidEvent;
import org.rispacs.api.billing.ClaimSubmittedEvent;
import org.rispacs.api.billing.DenyClaimCommand;
import org.rispacs.api.billing.PayClaimCommand;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.billing.VoidChargeCommand;
import org.rispacs.api.common.RefusalCode;

/**
 * The charge for one performed procedure and the claim that bills it. Its id derives from the
 * order's, so capturing twice captures once.
 */
@Aggregate
class Charge {

    enum Status { CAPTURED, VOIDED, SUBMITTED, DENIED, PAID }

    @AggregateIdentifier
    private String chargeId;
    private Status status;
    private String claimId;

    Charge() {
        // rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CaptureChargeCommand command) {
        if (status != null) {
            return;
        }
        requireText(command.orderId(), "the order");
        require(command.procedure() != null, RefusalCode.INVALID, "the procedure is required");
        apply(new ChargeCapturedEvent(command.chargeId(), command.orderId(), command.studyInstanceUid(),
                command.patient(), command.procedure(), command.modality()));
    }

    @CommandHandler
    void handle(VoidChargeCommand command) {
        switch (status) {
            case CAPTURED, DENIED -> apply(new ChargeVoidedEvent(chargeId, command.reason()));
            case VOIDED -> { }
            default -> throw illegalTransition("charge " + chargeId + " is " + status + " and cannot be voided");
        }
    }

    @CommandHandler
    void handle(SubmitClaimCommand command) {
        requireText(command.claimId(), "the claim id");
        switch (status) {
            case CAPTURED, DENIED -> apply(new ClaimSubmittedEvent(chargeId, command.claimId()));
            case SUBMITTED -> require(command.claimId().equals(claimId), RefusalCode.ILLEGAL_TRANSITION,
                    "charge " + chargeId + " is already claimed by " + claimId);
            default -> throw illegalTransition("charge " + chargeId + " is " + status + " and cannot be claimed");
        }
    }

    @CommandHandler
    void handle(DenyClaimCommand command) {
        requireCurrentClaim(command.claimId());
        requireText(command.reason(), "the denial reason");
        apply(new ClaimDeniedEvent(chargeId, command.claimId(), command.reason()));
    }

    @CommandHandler
    void handle(PayClaimCommand command, BillingPolicy policy) {
        if (status == Status.PAID && command.claimId().equals(claimId)) {
            return;
        }
        requireCurrentClaim(command.claimId());
        requireValidPayment(command, policy);
        apply(new ClaimPaidEvent(chargeId, command.claimId(), command.amount().setScale(policy.scale()),
                policy.currencyCode()));
    }

    private static void requireValidPayment(PayClaimCommand command, BillingPolicy policy) {
        BigDecimal amount = command.amount();
        require(amount != null, RefusalCode.INVALID, "the paid amount is required");
        require(policy.currencyCode().equalsIgnoreCase(String.valueOf(command.currency()).strip()),
                RefusalCode.INVALID, "claims are paid in " + policy.currencyCode() + ", not " + command.currency());
        require(amount.signum() >= 0, RefusalCode.INVALID, "the paid amount " + amount.toPlainString()
                + " is negative");
        require(amount.signum() > 0 || command.zeroConfirmed(), RefusalCode.INVALID,
                "a payment of 0 must be confirmed as such");
        // scale() of 1E+9 is -9: stripping trailing zeros first compares the decimals actually written
        require(amount.stripTrailingZeros().scale() <= policy.scale(), RefusalCode.INVALID, "the paid amount "
                + amount.toPlainString() + " has more than " + policy.scale() + " decimals of "
                + policy.currencyCode());
        require(amount.compareTo(policy.maximumAmount()) <= 0, RefusalCode.INVALID, "the paid amount "
                + amount.toPlainString() + " is above the maximum of " + policy.maximumAmount().toPlainString()
                + " " + policy.currencyCode());
    }

    private void requireCurrentClaim(String claim) {
        if (status != Status.SUBMITTED || !claimId.equals(claim)) {
            throw illegalTransition("claim " + claim + " is not the submitted claim of charge " + chargeId);
        }
    }

    @EventSourcingHandler
    void on(ChargeCapturedEvent event) {
        chargeId = event.chargeId();
        status = Status.CAPTURED;
    }

    @EventSourcingHandler
    void on(ChargeVoidedEvent event) {
        status = Status.VOIDED;
    }

    @EventSourcingHandler
    void on(ClaimSubmittedEvent event) {
        status = Status.SUBMITTED;
        claimId = event.claimId();
    }

    @EventSourcingHandler
    void on(ClaimDeniedEvent event) {
        status = Status.DENIED;
    }

    @EventSourcingHandler
    void on(ClaimPaidEvent event) {
        status = Status.PAID;
    }
}
