package org.rispacs.hl7.mapping;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The RIS order id of a placer's order: one placer order number from one facility is always one order. */
public final class PlacerOrderIds {

    private PlacerOrderIds() {
    }

    public static String orderId(String facility, String placerOrderNumber) {
        return UUID.nameUUIDFromBytes(("hl7-order|" + facility + "|" + placerOrderNumber)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
