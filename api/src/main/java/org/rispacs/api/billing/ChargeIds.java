package org.rispacs.api.billing;

/** One charge per order: its id derives from the order's, which makes capture idempotent. */
public final class ChargeIds {

    private ChargeIds() {
    }

    public static String forOrder(String orderId) {
        return "charge-" + orderId;
    }
}
