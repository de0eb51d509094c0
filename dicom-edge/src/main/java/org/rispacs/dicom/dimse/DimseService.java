package org.rispacs.dicom.dimse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import org.rispacs.dicom.ul.association.Association;

/**
 * One DIMSE service class provider: what it negotiates and how it answers. A service handles
 * either requests without a data set ({@link #request}) or requests whose data set follows
 * ({@link #requestWithDataset}).
 */
public interface DimseService {

    /** Whether this service serves the abstract syntax (SOP class). */
    boolean serves(String sopClassUid);

    /** The transfer syntaxes it accepts for its SOP classes. */
    Set<String> transferSyntaxes(String sopClassUid);

    /**
     * Whether this service sends requests of the SOP class to the requestor on the requestor's own
     * association (C-GET's C-STORE sub-operations), so that a requestor may take its SCP role.
     */
    default boolean sendsAsScu(String sopClassUid) {
        return false;
    }

    default DimseResponse request(DimseRequest request) throws IOException {
        return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "no such operation on this SOP class");
    }

    /** By default the data set is collected in memory (bounded), then given to the two-argument request. */
    default DatasetReceiver requestWithDataset(DimseRequest request) {
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        return new DatasetReceiver() {
            @Override
            public void data(byte[] buffer, int offset, int length) throws IOException {
                if (collected.size() + length > 16 * 1024 * 1024) {
                    throw new IOException("data set larger than 16 MiB for a non-storage request");
                }
                collected.write(buffer, offset, length);
            }

            @Override
            public DimseResponse complete() throws IOException {
                return request(request, collected.toByteArray(), Responder.NONE);
            }

            @Override
            public void abandon() {
                collected.reset();
            }
        };
    }

    /** The response to a request was sent (for work that must follow it, like an N-EVENT-REPORT). */
    default void responded(DimseRequest request, DimseResponse response) {
    }

    /** The association this service served has ended, however it ended. */
    default void associationEnded(Association association) {
    }

    /**
     * Whether requests with a data set are answered with several responses (C-FIND): they then
     * run beside the association's reader, so that a C-CANCEL can reach them.
     */
    default boolean respondsMoreThanOnce(DimseRequest request) {
        return false;
    }

    /** A request with a data set that may send pending responses first (C-FIND). */
    default DimseResponse request(DimseRequest request, byte[] dataset, Responder responder) throws IOException {
        return request(request, dataset);
    }

    default DimseResponse request(DimseRequest request, byte[] dataset) throws IOException {
        return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "no such operation on this SOP class");
    }
}
