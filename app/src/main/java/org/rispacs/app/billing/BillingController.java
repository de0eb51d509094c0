package org.rispacs.app.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;
import org.rispacs.api.billing.ClaimStatus;
import org.rispacs.api.billing.ClaimView;
import org.rispacs.api.billing.FindChargesQuery;
import org.rispacs.api.billing.FindClaimsQuery;
import org.rispacs.api.billing.PayClaimCommand;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.HttpAudit;
import org.rispacs.command.billing.BillingPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing")
class BillingController {

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final AccessAudit accessAudit;
    private final BillingPolicy policy;

    BillingController(QueryGateway queries, CommandGateway commands, AccessAudit accessAudit, BillingPolicy policy) {
        this.queries = queries;
        this.commands = commands;
        this.accessAudit = accessAudit;
        this.policy = policy;
    }

    /**
     * A payment of a submitted claim. The amount is a JSON string or number in the configured
     * currency; zero only with {@code zeroConfirmed}.
     */
    record Payment(String claimId, String amount, String currency, boolean zeroConfirmed) {
    }

    /** Records the claim paid; 400 with a problem document for an amount that is not money of ours. */
    @PostMapping("/charges/{chargeId}/payments")
    ResponseEntity<Void> pay(@PathVariable String chargeId, @RequestBody Payment payment, HttpServletRequest request) {
        String currency = payment.currency() == null || payment.currency().isBlank() ? policy.currencyCode()
                : payment.currency().strip().toUpperCase();
        PayClaimCommand command = new PayClaimCommand(chargeId, payment.claimId(),
                MoneyAmounts.parse(payment.amount(), policy), currency, payment.zeroConfirmed());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(HttpAudit.of(request)));
        return ResponseEntity.noContent().build();
    }

    /** Charges with the state of their latest claim, oldest capture first. */
    @GetMapping("/charges")
    List<ChargeView> charges(
            @RequestParam(required = false) ChargeStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            HttpServletRequest request) {
        List<ChargeView> charges = queries.query(new FindChargesQuery(status, page, size),
                ResponseTypes.multipleInstancesOf(ChargeView.class)).join();
        accessAudit.viewedRows(request, "api-billing-charges", charges,
                charge -> AccessAudit.patient(charge.patientId(), charge.issuerOfPatientId()));
        return charges;
    }

    /** Claims, denied ones kept beside their resubmission; newest first. */
    @GetMapping("/claims")
    List<ClaimView> claims(
            @RequestParam(required = false) ClaimStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            HttpServletRequest request) {
        List<ClaimView> claims = queries.query(new FindClaimsQuery(status, page, size),
                ResponseTypes.multipleInstancesOf(ClaimView.class)).join();
        accessAudit.viewedRows(request, "api-billing-claims", claims,
                claim -> AccessAudit.patient(claim.patientId(), claim.issuerOfPatientId()));
        return claims;
    }
}
