package org.rispacs.command.billing;

import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;

class ChargeTest {

    static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    static final ProcedureCode CT = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    static final ChargeCapturedEvent CAPTURED = new ChargeCapturedEvent("charge-order-1", "order-1", "2.25.1", PATIENT,
            CT, "CT");

    private FixtureConfiguration<Charge> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Charge.class);
        fixture.registerInjectableResource(BillingPolicy.of("EUR", new BigDecimal("100000")));
    }

    @Test
    void capturesOnce() {
        fixture.givenNoPriorActivity()
                .when(new CaptureChargeCommand("charge-order-1", "order-1", "2.25.1", PATIENT, CT, "CT"))
                .expectEvents(CAPTURED);
        fixture.given(CAPTURED)
                .when(new CaptureChargeCommand("charge-order-1", "order-1", "2.25.1", PATIENT, CT, "CT"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void claimIsSubmittedDeniedResubmittedAndPaid() {
        fixture.given(CAPTURED)
                .when(new SubmitClaimCommand("charge-order-1", "claim-1"))
                .expectEvents(new ClaimSubmittedEvent("charge-order-1", "claim-1"));
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"))
                .when(new DenyClaimCommand("charge-order-1", "claim-1", "CO-16 missing information"))
                .expectEvents(new ClaimDeniedEvent("charge-order-1", "claim-1", "CO-16 missing information"));
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"),
                        new ClaimDeniedEvent("charge-order-1", "claim-1", "x"))
                .when(new SubmitClaimCommand("charge-order-1", "claim-2"))
                .expectEvents(new ClaimSubmittedEvent("charge-order-1", "claim-2"));
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-2"))
                .when(new PayClaimCommand("charge-order-1", "claim-2", new BigDecimal("120.50"), "EUR"))
                .expectEvents(new ClaimPaidEvent("charge-order-1", "claim-2", new BigDecimal("120.50"), "EUR"));
    }

    @Test
    void refusesPaymentOfAClaimNotSubmittedAndVoidAfterClaim() {
        fixture.given(CAPTURED)
                .when(new PayClaimCommand("charge-order-1", "claim-1", BigDecimal.TEN, "EUR"))
                .expectNoEvents().expectException(CommandRefusedException.class);
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"))
                .when(new VoidChargeCommand("charge-order-1", "order cancelled"))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void voidsACapturedCharge() {
        fixture.given(CAPTURED)
                .when(new VoidChargeCommand("charge-order-1", "duplicate exam"))
                .expectEvents(new ChargeVoidedEvent("charge-order-1", "duplicate exam"));
        fixture.given(CAPTURED, new ChargeVoidedEvent("charge-order-1", "x"))
                .when(new SubmitClaimCommand("charge-order-1", "claim-1"))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void paymentsAreMoneyInTheConfiguredCurrency() {
        refusesPayment(new BigDecimal("1e9"), "EUR", "above the maximum");
        refusesPayment(new BigDecimal("100000000001000005232"), "EUR", "above the maximum");
        refusesPayment(new BigDecimal("100000.01"), "EUR", "above the maximum");
        refusesPayment(new BigDecimal("5232.844"), "EUR", "more than 2 decimals");
        refusesPayment(new BigDecimal("-1"), "EUR", "negative");
        refusesPayment(BigDecimal.ZERO, "EUR", "confirmed");
        refusesPayment(BigDecimal.TEN, "USD", "paid in EUR");
        refusesPayment(null, "EUR", "required");
    }

    @Test
    void theMaximumAndAConfirmedZeroArePaidAtTheCurrencyScale() {
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"))
                .when(new PayClaimCommand("charge-order-1", "claim-1", new BigDecimal("100000"), "eur"))
                .expectEvents(new ClaimPaidEvent("charge-order-1", "claim-1", new BigDecimal("100000.00"), "EUR"));
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"))
                .when(new PayClaimCommand("charge-order-1", "claim-1", BigDecimal.ZERO, "EUR", true))
                .expectEvents(new ClaimPaidEvent("charge-order-1", "claim-1", new BigDecimal("0.00"), "EUR"));
    }

    @Test
    void aCurrencyWithoutDecimalsRefusesCents() {
        fixture = new AggregateTestFixture<>(Charge.class);
        fixture.registerInjectableResource(BillingPolicy.of("JPY", new BigDecimal("10000000")));
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"))
                .when(new PayClaimCommand("charge-order-1", "claim-1", new BigDecimal("1200.50"), "JPY"))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("more than 0 decimals"));
    }

    private void refusesPayment(BigDecimal amount, String currency, String because) {
        fixture.given(CAPTURED, new ClaimSubmittedEvent("charge-order-1", "claim-1"))
                .when(new PayClaimCommand("charge-order-1", "claim-1", amount, currency))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString(because));
    }
}
