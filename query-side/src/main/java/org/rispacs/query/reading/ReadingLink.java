package org.rispacs.query.reading;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A document of the {@code reading-links} index: the order a study or a report belongs to, and
 * whether the study was committed (possibly before it was linked); only known facts are written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReadingLink(String orderId, Boolean committed, Boolean additional) {

    static ReadingLink toOrder(String orderId) {
        return new ReadingLink(orderId, null, null);
    }
}
