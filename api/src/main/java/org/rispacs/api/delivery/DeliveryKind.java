package org.rispacs.api.delivery;

/** What a tracked outbound delivery carries, which decides the message the HL7 edge builds for it. */
public enum DeliveryKind {
    /** A report version as ORU^R01, sent to each destination in the order the versions were signed. */
    REPORT_RESULT,
    /** A captured charge as DFT^P03. */
    CHARGE
}
