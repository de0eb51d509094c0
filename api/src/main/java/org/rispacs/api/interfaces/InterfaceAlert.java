package org.rispacs.api.interfaces;

/** Something an operator should look at; {@code subject} is the destination or requester, null for the whole system. */
public record InterfaceAlert(String kind, String subject, long count, String message) {

    public static final String DELIVERY_FAILED = "DELIVERY_FAILED";
    public static final String DELIVERY_UNACKED = "DELIVERY_UNACKED";
    public static final String UNMATCHED_STUDIES = "UNMATCHED_STUDIES";
    public static final String STORAGE_COMMITMENT_REPORT_FAILED = "STORAGE_COMMITMENT_REPORT_FAILED";
    public static final String HL7_CONTROL_ID_REUSED = "HL7_CONTROL_ID_REUSED";
    public static final String ORDERS_NOT_SCHEDULED = "ORDERS_NOT_SCHEDULED";
    /** Finally signed reports for which no delivery was ever scheduled: no destination receives them. */
    public static final String REPORTS_NOT_DELIVERED = "REPORTS_NOT_DELIVERED";
}
