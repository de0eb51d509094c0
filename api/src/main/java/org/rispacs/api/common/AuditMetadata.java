package org.rispacs.api.common;

/**
 * Metadata keys every command carries and every resulting event inherits, so an auditor can
 * tell who did what, when and through which channel.
 */
public final class AuditMetadata {

    /** Who: a user id, or the interface that acted on its own (e.g. "hl7:EPIC/HOSP"). */
    public static final String ACTOR = "actor";
    /** Through what: "http", "hl7", "dicom", "system". */
    public static final String CHANNEL = "channel";
    /**
     * The source message within its channel: HL7 sending application and MSH-10, DICOM calling
     * AE and association id, HTTP method, path and remote address.
     */
    public static final String SOURCE = "source";

    private AuditMetadata() {
    }
}
