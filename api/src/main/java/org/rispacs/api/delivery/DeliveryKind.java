package org.rispacs.api.delivery;

/** What a tracked outbound delivery carries, which decides the message built for it and the edge that sends it. */
public enum DeliveryKind {
    /** A report version as ORU^R01, sent to each destination in the order the versions were signed. */
    REPORT_RESULT,
    /** A captured charge as DFT^P03. */
    CHARGE,
    /** A FHIR subscription's notification, POSTed to its rest-hook endpoint in the order triggered. */
    FHIR_NOTIFICATION
}
