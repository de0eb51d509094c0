package org.rispacs.app.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;
import org.rispacs.api.billing.ClaimView;
import org.rispacs.api.billing.DenyClaimCommand;
import org.rispacs.api.billing.FindChargesQuery;
import org.rispacs.api.billing.FindClaimsQuery;
import org.rispacs.api.billing.PayClaimCommand;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.billing.VoidChargeCommand;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.WebCommands;
import org.rispacs.app.web.WebPage;
import org.rispacs.command.billing.BillingPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Billing staff: the queue of captured charges, claim status changes with denial reasons, totals. */
@Controller
class BillingPages implements WebPage {

    private static final int PAGE = 500;

    private final QueryGateway queries;
    private final WebCommands commands;
    private final AccessAudit accessAudit;
    private final BillingPolicy policy;

    BillingPages(QueryGateway queries, WebCommands commands, AccessAudit accessAudit, BillingPolicy policy) {
        this.queries = queries;
        this.commands = commands;
        this.accessAudit = accessAudit;
        this.policy = policy;
    }

    /** Counts per status; the paid amounts summed per currency, never across currencies ("180.50 EUR"). */
    record Totals(Map<ChargeStatus, Long> counts, String paid) {
    }

    @GetMapping("/billing")
    String queue(@RequestParam(required = false) ChargeStatus status, Model model, HttpServletRequest request) {
        List<ChargeView> all = charges(null);
        List<ChargeView> shown = status == null ? all : all.stream().filter(c -> c.status() == status).toList();
        Map<ChargeStatus, Long> counts = new EnumMap<>(ChargeStatus.class);
        for (ChargeStatus each : ChargeStatus.values()) {
            counts.put(each, all.stream().filter(c -> c.status() == each).count());
        }
        Map<String, BigDecimal> paid = all.stream().filter(charge -> charge.amount() != null)
                .collect(Collectors.groupingBy(charge -> String.valueOf(charge.currency()), TreeMap::new,
                        Collectors.reducing(BigDecimal.ZERO, ChargeView::amount, BigDecimal::add)));
        model.addAttribute("status", status);
        model.addAttribute("statuses", ChargeStatus.values());
        model.addAttribute("charges", shown);
        String paidText = paid.isEmpty() ? BigDecimal.ZERO.setScale(policy.scale()).toPlainString() + " "
                + policy.currencyCode() : paid.entrySet().stream()
                .map(entry -> entry.getValue().toPlainString() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
        model.addAttribute("totals", new Totals(counts, paidText));
        model.addAttribute("currency", policy.currencyCode());
        model.addAttribute("claims", queries.query(new FindClaimsQuery(null, 0, 100),
                ResponseTypes.multipleInstancesOf(ClaimView.class)).join());
        accessAudit.viewedList(request, "billing-queue", shown.stream()
                .map(charge -> AccessAudit.patient(charge.patientId(), charge.issuerOfPatientId())).toList());
        return "billing/queue";
    }

    @PostMapping("/billing/charges/{chargeId}/submit")
    String submit(@PathVariable String chargeId, HttpServletRequest request, RedirectAttributes redirect) {
        String claimId = "CLM-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        return after(chargeId, ChargeStatus.CLAIM_SUBMITTED, commands.send(new SubmitClaimCommand(chargeId, claimId),
                request), "Claim " + claimId + " submitted.", redirect);
    }

    @PostMapping("/billing/charges/{chargeId}/deny")
    String deny(@PathVariable String chargeId, @RequestParam String claimId, @RequestParam String reason,
                HttpServletRequest request, RedirectAttributes redirect) {
        if (reason.isBlank()) {
            return after(chargeId, null, Optional.of("A denial needs its reason."), null, redirect);
        }
        return after(chargeId, ChargeStatus.CLAIM_DENIED, commands.send(new DenyClaimCommand(chargeId, claimId,
                reason.strip()), request), "Claim " + claimId + " denied.", redirect);
    }

    /**
     * Records the claim paid. An amount that is not money of the configured currency, or a zero
     * not confirmed, comes back as an error at the row's amount field, with what was typed.
     */
    @PostMapping("/billing/charges/{chargeId}/pay")
    String pay(@PathVariable String chargeId, @RequestParam String claimId, @RequestParam String amount,
               @RequestParam(defaultValue = "false") boolean confirmZero, HttpServletRequest request,
               RedirectAttributes redirect) {
        BigDecimal paid;
        try {
            paid = MoneyAmounts.parse(amount, policy);
        } catch (MoneyAmounts.InvalidAmountException invalid) {
            return payError(chargeId, amount, invalid.getMessage(), false, redirect);
        }
        if (paid.signum() == 0 && !confirmZero) {
            return payError(chargeId, amount, "A payment of 0 " + policy.currencyCode()
                    + " records the claim as paid with nothing received: tick \"confirm 0\" and press Paid again.",
                    true, redirect);
        }
        Optional<String> refused = commands.send(new PayClaimCommand(chargeId, claimId, paid, policy.currencyCode(),
                confirmZero), request);
        if (refused.isPresent()) {
            return payError(chargeId, amount, refused.get(), false, redirect);
        }
        return after(chargeId, ChargeStatus.PAID, refused, "Claim " + claimId + " paid: " + paid.toPlainString() + " "
                + policy.currencyCode() + ".", redirect);
    }

    private static String payError(String chargeId, String typed, String message, boolean askZeroConfirmation,
                                   RedirectAttributes redirect) {
        redirect.addFlashAttribute("payError", new PayError(chargeId, typed, message, askZeroConfirmation));
        return "redirect:/billing";
    }

    /** What the row of {@code chargeId} shows beside its amount field after a refused payment. */
    record PayError(String chargeId, String typed, String message, boolean askZeroConfirmation)
            implements Serializable {
    }

    @PostMapping("/billing/charges/{chargeId}/void")
    String voidCharge(@PathVariable String chargeId, @RequestParam String reason, HttpServletRequest request,
                      RedirectAttributes redirect) {
        if (reason.isBlank()) {
            return after(chargeId, null, Optional.of("Voiding needs a reason."), null, redirect);
        }
        return after(chargeId, ChargeStatus.VOIDED, commands.send(new VoidChargeCommand(chargeId, reason.strip()),
                request), "Charge voided.", redirect);
    }

    private String after(String chargeId, ChargeStatus expected, Optional<String> refused, String done,
                         RedirectAttributes redirect) {
        if (refused.isPresent()) {
            redirect.addFlashAttribute("problem", refused.get());
        } else {
            WebCommands.awaitReadModel(() -> charges(expected).stream().anyMatch(c -> c.chargeId().equals(chargeId)));
            redirect.addFlashAttribute("done", done);
        }
        return "redirect:/billing";
    }

    private List<ChargeView> charges(ChargeStatus status) {
        return queries.query(new FindChargesQuery(status, 0, PAGE),
                ResponseTypes.multipleInstancesOf(ChargeView.class)).join();
    }
}
