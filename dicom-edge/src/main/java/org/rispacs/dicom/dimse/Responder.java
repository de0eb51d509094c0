package org.rispacs.dicom.dimse;

/**
 * Lets a service send pending responses before its final one (C-FIND), and tells it when the
 * requestor cancelled (C-CANCEL).
 */
public interface Responder {

    /** Sends one pending response with its data set (already encoded in the context's transfer syntax). */
    void pending(int status, byte[] dataset);

    boolean cancelled();

    Responder NONE = new Responder() {
        @Override
        public void pending(int status, byte[] dataset) {
            throw new IllegalStateException("this request takes a single response");
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
