package org.rispacs.dicom.dimse;

/**
 * Lets a service send pending responses before its final one (C-FIND matches, C-MOVE and C-GET
 * sub-operation counts), and tells it when the requestor cancelled (C-CANCEL) or went away.
 */
public interface Responder {

    /** Sends one pending response: its status, command elements (counts) and data set, as given. */
    void pending(DimseResponse response);

    /** Sends one pending response with its data set (already encoded in the context's transfer syntax). */
    default void pending(int status, byte[] dataset) {
        pending(new DimseResponse(status, null, dataset));
    }

    boolean cancelled();

    Responder NONE = new Responder() {
        @Override
        public void pending(DimseResponse response) {
            throw new IllegalStateException("this request takes a single response");
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
