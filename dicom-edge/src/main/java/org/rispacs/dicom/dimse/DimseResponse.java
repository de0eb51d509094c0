package org.rispacs.dicom.dimse;

import org.rispacs.dicom.data.Attributes;

/**
 * What a service answers: a status, an optional error comment for people, an optional data set
 * (already encoded in the context's transfer syntax), and optional further command elements the
 * response carries (Action Type ID of an N-ACTION-RSP).
 */
public record DimseResponse(int status, String errorComment, byte[] dataset, Attributes commandElements) {

    public DimseResponse(int status, String errorComment, byte[] dataset) {
        this(status, errorComment, dataset, null);
    }

    public static DimseResponse success() {
        return new DimseResponse(Status.SUCCESS, null, null);
    }

    public static DimseResponse failure(int status, String errorComment) {
        return new DimseResponse(status, errorComment, null);
    }
}
