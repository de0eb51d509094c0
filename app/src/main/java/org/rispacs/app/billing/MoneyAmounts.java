package org.rispacs.app.billing;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.rispacs.command.billing.BillingPolicy;

/**
 * Amounts typed by a person or sent by an integration, read as money of the configured currency:
 * plain digits with a decimal point, no exponent, no grouping, at most the currency's decimals,
 * not above the configured maximum. Zero is an amount too; whether it is meant is the caller's
 * question.
 */
final class MoneyAmounts {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    private MoneyAmounts() {
    }

    /** The amount of {@code text}, or an {@link InvalidAmountException} that tells what is wrong with it. */
    static BigDecimal parse(String text, BillingPolicy policy) {
        String typed = text == null ? "" : text.strip();
        String currency = policy.currencyCode();
        if (typed.isEmpty()) {
            throw new InvalidAmountException("Enter the amount paid, in " + currency + ".");
        }
        if (typed.matches("\\d+,\\d{1,2}")) {
            throw new InvalidAmountException("'" + typed + "' is not an amount: write the decimals after a point,"
                    + " as in " + typed.replace(',', '.') + ".");
        }
        if (!PLAIN_DECIMAL.matcher(typed).matches()) {
            throw new InvalidAmountException("'" + typed + "' is not an amount: use digits and a decimal point only, as"
                    + " in 180.50.");
        }
        BigDecimal amount = new BigDecimal(typed);
        if (amount.stripTrailingZeros().scale() > policy.scale()) {
            throw new InvalidAmountException(currency + " amounts have " + (policy.scale() == 0 ? "no decimals"
                    : "at most " + policy.scale() + " decimals") + ": '" + typed + "'.");
        }
        if (amount.compareTo(policy.maximumAmount()) > 0) {
            throw new InvalidAmountException("'" + typed + "' is above the maximum of "
                    + policy.maximumAmount().toPlainString() + " " + currency + " for one payment.");
        }
        return amount.setScale(policy.scale());
    }

    /** An amount that is not one: a 400 problem document on the API, a form error on the page. */
    static final class InvalidAmountException extends IllegalArgumentException {

        InvalidAmountException(String message) {
            super(message);
        }
    }
}
