package org.rispacs.command.billing;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The money rules of billing: the one currency claims are paid in ({@code ris.billing.currency})
 * and the largest amount one payment may record ({@code ris.billing.maximum-amount}).
 */
public record BillingPolicy(Currency currency, BigDecimal maximumAmount) {

    public BillingPolicy {
        if (currency == null || maximumAmount == null || maximumAmount.signum() <= 0) {
            throw new IllegalArgumentException("billing needs a currency and a positive maximum amount");
        }
    }

    public static BillingPolicy of(String currencyCode, BigDecimal maximumAmount) {
        return new BillingPolicy(Currency.getInstance(currencyCode.strip().toUpperCase()), maximumAmount);
    }

    /** Decimal places of the currency: 2 for EUR, 0 for JPY, 3 for KWD. */
    public int scale() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }
}
