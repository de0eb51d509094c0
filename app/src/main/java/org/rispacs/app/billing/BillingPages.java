package org.rispacs.app.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    BillingPages(QueryGateway queries, WebCommands commands, AccessAudit accessAudit) {
        this.queries = queries;
        this.commands = commands;
        this.accessAudit = accessAudit;
    }

    record Totals(Map<ChargeStatus, Long> counts, BigDecimal paid) {
    }

    @GetMapping("/billing")
    String queue(@RequestParam(required = false) ChargeStatus status, Model model, HttpServletRequest request) {
        List<ChargeView> all = charges(null);
        List<ChargeView> shown = status == null ? all : all.stream().filter(c -> c.status() == status).toList();
        Map<ChargeStatus, Long> counts = new EnumMap<>(ChargeStatus.class);
        for (ChargeStatus each : ChargeStatus.values()) {
            counts.put(each, all.stream().filter(c -> c.status() == each).count());
        }
        BigDecimal paid = all.stream().map(ChargeView::amount).filter(amount -> amount != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        model.addAttribute("status", status);
        model.addAttribute("statuses", ChargeStatus.values());
        model.addAttribute("charges", shown);
        model.addAttribute("totals", new Totals(counts, paid));
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

    @PostMapping("/billing/charges/{chargeId}/pay")
    String pay(@PathVariable String chargeId, @RequestParam String claimId, @RequestParam BigDecimal amount,
               @RequestParam(defaultValue = "EUR") String currency, HttpServletRequest request,
               RedirectAttributes redirect) {
        return after(chargeId, ChargeStatus.PAID, commands.send(new PayClaimCommand(chargeId, claimId, amount,
                currency.strip().toUpperCase()), request), "Claim " + claimId + " paid.", redirect);
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
