package org.rispacs.query.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** What the charges and claims projections share: one processing group, and how their documents read. */
final class BillingProjections {

    static final String PROCESSING_GROUP = "billing";
    private static final int MAX_PAGE = 1000;

    private BillingProjections() {
    }

    static int pageSize(int requested) {
        return Math.max(1, Math.min(requested, MAX_PAGE));
    }

    /** Amounts are kept as decimal strings: a double would round money. */
    static BigDecimal amount(Map<?, ?> source) {
        Object amount = source.get("amount");
        return amount == null ? null : new BigDecimal(amount.toString());
    }

    static Instant instant(Map<?, ?> source, String field) {
        Object value = source.get(field);
        return value == null ? null : Instant.parse(value.toString());
    }
}
