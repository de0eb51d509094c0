package org.rispacs.api.delivery;

/** Ids of tracked deliveries: derived from what is delivered and where, so scheduling twice schedules once. */
public final class DeliveryIds {

    private DeliveryIds() {
    }

    /** A report version: {@code report/destination/version}; version 0 is the signature, n the n-th addendum. */
    public static String forReport(String reportId, String destination, int version) {
        return reportId + "/" + destination + "/" + version;
    }

    /**
     * The preliminary version of a report: {@code report/destination/preliminary}. A report is
     * signed preliminary at most once, so one id per destination suffices.
     */
    public static String forPreliminaryReport(String reportId, String destination) {
        return reportId + "/" + destination + "/preliminary";
    }

    public static String forCharge(String chargeId, String destination) {
        return "charge/" + chargeId + "/" + destination;
    }
}
