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

    /**
     * The version a report delivery carries, read back from its id: 0 for the signature, n for the
     * n-th addendum; the preliminary version also reads as 0 (its result status tells it apart).
     */
    public static int reportVersion(String deliveryId) {
        String last = deliveryId.substring(deliveryId.lastIndexOf('/') + 1);
        return !last.isEmpty() && last.chars().allMatch(Character::isDigit) ? Integer.parseInt(last) : 0;
    }

    public static String forCharge(String chargeId, String destination) {
        return "charge/" + chargeId + "/" + destination;
    }

    /** A FHIR subscription's notification: {@code subscription/<id>/<event number>}. */
    public static String forNotification(String subscriptionId, long eventNumber) {
        return "subscription/" + subscriptionId + "/" + eventNumber;
    }
}
