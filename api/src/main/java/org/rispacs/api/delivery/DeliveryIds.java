package org.rispacs.api.delivery;

/** Ids of tracked deliveries: derived from what is delivered and where, so scheduling twice schedules once. */
public final class DeliveryIds {

    private DeliveryIds() {
    }

    /** A report version: {@code report/destination/version}; version 0 is the signature, n the n-th addendum. */
    public static String forReport(String reportId, String destination, int version) {
        return reportId + "/" + destination + "/" + version;
    }

    public static String forCharge(String chargeId, String destination) {
        return "charge/" + chargeId + "/" + destination;
    }
}
