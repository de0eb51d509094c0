package org.rispacs.dicom.dimse;

/**
 * What a service answers: a status, an optional error comment for people, and an optional
 * data set (already encoded in the context's transfer syntax).
 */
public record DimseResponse(int status, String errorComment, byte[] dataset) {

    public static DimseResponse success() {
        return new DimseResponse(Status.SUCCESS, null, null);
    }

    public static DimseResponse failure(int status, String errorComment) {
        return new DimseResponse(status, errorComment, null);
    }
}
