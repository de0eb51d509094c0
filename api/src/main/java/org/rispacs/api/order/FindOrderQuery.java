package org.rispacs.api.order;

/** Asks for one order by its id; answered with an {@link OrderView}, or nothing. */
public record FindOrderQuery(String orderId) {
}
