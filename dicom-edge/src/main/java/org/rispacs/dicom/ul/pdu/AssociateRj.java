package org.rispacs.dicom.ul.pdu;

/** Association rejection with its result, source and reason (PS3.8 9.3.4). */
public record AssociateRj(int result, int source, int reason) implements Pdu {

    public static final int REJECTED_PERMANENT = 1;
    public static final int REJECTED_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Reasons when the source is the service user. */
    public static final int NO_REASON_GIVEN = 1;
    public static final int APPLICATION_CONTEXT_NOT_SUPPORTED = 2;
    public static final int CALLING_AE_NOT_RECOGNIZED = 3;
    public static final int CALLED_AE_NOT_RECOGNIZED = 7;

    /** Reasons when the source is the ACSE service provider. */
    public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 2;

    /** Reasons when the source is the presentation service provider. */
    public static final int TEMPORARY_CONGESTION = 1;
    public static final int LOCAL_LIMIT_EXCEEDED = 2;
}
