package org.rispacs.app.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;
import org.rispacs.api.billing.ClaimStatus;
import org.rispacs.api.billing.ClaimView;
import org.rispacs.api.billing.FindChargesQuery;
import org.rispacs.api.billing.FindClaimsQuery;
import org.rispacs.app.web.AccessAudit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing")
class BillingController {

    private final QueryGateway queries;
    private final AccessAudit accessAudit;

    BillingController(QueryGateway queries, AccessAudit accessAudit) {
        this.queries = queries;
        this.accessAudit = accessAudit;
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
