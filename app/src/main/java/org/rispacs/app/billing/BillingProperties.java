package org.rispacs.app.billing;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Money settings of billing.
 *
 * @param currency      ISO 4217 code of the currency claims are paid in; its decimal places are the
 *                      amounts' (2 for EUR, 0 for JPY)
 * @param maximumAmount the largest amount one payment may record: a guard against typing errors
 */
@ConfigurationProperties("ris.billing")
public record BillingProperties(
        @DefaultValue("EUR") String currency,
        @DefaultValue("100000") BigDecimal maximumAmount) {
}
