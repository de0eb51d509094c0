package org.rispacs.query.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeVoidedEvent;
import org.rispacs.api.billing.ClaimDeniedEvent;
import org.rispacs.api.billing.ClaimPaidEvent;
import org.rispacs.api.billing.ClaimSubmittedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class BillingProjectionsTest {

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex charges;
    private InMemoryReadModelIndex claims;

    @BeforeEach
    void projections() {
        events = new ProjectionHarness(new ChargesProjection(null, indexes), new ClaimsProjection(null, indexes));
        charges = indexes.index("billing-charges");
        claims = indexes.index("billing-claims");
    }

    private Instant capture(String chargeId) {
        Instant at = events.now();
        events.publish(new ChargeCapturedEvent(chargeId, "order-" + chargeId, "1.2.3." + chargeId,
                new PatientIdentifier("P1", "HOSP"), new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT"));
        return at;
    }

    @Test
    void aChargeClaimedDeniedResubmittedAndPaidKeepsBothClaimsAndTheAmountAsWritten() {
        Instant captured = capture("c1");
        Instant submitted = events.now();
        events.publish(new ClaimSubmittedEvent("c1", "claim-1"));
        Instant denied = events.now();
        events.publish(new ClaimDeniedEvent("c1", "claim-1", "no cover"));
        assertThat(charges.find("c1")).containsEntry("status", "CLAIM_DENIED")
                .containsEntry("denialReason", "no cover").containsEntry("claimId", "claim-1");

        events.publish(new ClaimSubmittedEvent("c1", "claim-2"));
        Instant paid = events.now();
        events.publish(new ClaimPaidEvent("c1", "claim-2", new BigDecimal("120.50"), "EUR"));

        assertThat(charges.find("c1")).containsEntry("chargeId", "c1").containsEntry("orderId", "order-c1")
                .containsEntry("studyInstanceUid", "1.2.3.c1").containsEntry("patientId", "P1")
                .containsEntry("issuerOfPatientId", "HOSP").containsEntry("procedureCode", "CTCHEST")
                .containsEntry("procedureDescription", "CT chest").containsEntry("modality", "CT")
                .containsEntry("status", "PAID").containsEntry("claimId", "claim-2")
                .containsEntry("denialReason", null).containsEntry("amount", "120.50")
                .containsEntry("currency", "EUR").containsEntry("capturedAt", captured.toString())
                .containsEntry("updatedAt", paid.toString());
        assertThat(claims.find("claim-1")).containsEntry("chargeId", "c1").containsEntry("status", "DENIED")
                .containsEntry("denialReason", "no cover").containsEntry("patientId", "P1")
                .containsEntry("issuerOfPatientId", "HOSP").containsEntry("submittedAt", submitted.toString())
                .containsEntry("decidedAt", denied.toString());
        assertThat(claims.find("claim-2")).containsEntry("status", "PAID").containsEntry("amount", "120.50")
                .containsEntry("currency", "EUR").containsEntry("decidedAt", paid.toString())
                .containsEntry("denialReason", null);
    }

    @Test
    void aVoidedChargeSaysWhy() {
        capture("c2");
        Instant voided = events.now();
        events.publish(new ChargeVoidedEvent("c2", "duplicate"));

        assertThat(charges.find("c2")).containsEntry("status", "VOIDED").containsEntry("voidReason", "duplicate")
                .containsEntry("updatedAt", voided.toString()).containsEntry("modality", "CT");
        assertThat(claims.documents()).isEmpty();
    }

    @Test
    void replayingTheStreamOverTheIndicesOrAfterAResetGivesTheSameDocuments() {
        capture("c1");
        capture("c2");
        events.publish(new ClaimSubmittedEvent("c1", "claim-1"));
        events.publish(new ClaimDeniedEvent("c1", "claim-1", "no cover"));
        events.publish(new ClaimSubmittedEvent("c1", "claim-2"));
        events.publish(new ClaimPaidEvent("c1", "claim-2", new BigDecimal("99.00"), "EUR"));
        events.publish(new ChargeVoidedEvent("c2", "duplicate"));
        Map<String, Map<String, Object>> liveCharges = charges.documents();
        Map<String, Map<String, Object>> liveClaims = claims.documents();

        events.replayOver();
        assertThat(charges.documents()).isEqualTo(liveCharges);
        assertThat(claims.documents()).isEqualTo(liveClaims);
        events.rebuild();
        assertThat(charges.documents()).isEqualTo(liveCharges).hasSize(2);
        assertThat(claims.documents()).isEqualTo(liveClaims).hasSize(2);
    }
}
