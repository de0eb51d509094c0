package org.rispacs.dicom.ul.association;

/** The association was not established: rejected by the peer, or ended before it was. */
public class AssociationRejectedException extends RuntimeException {

    public AssociationRejectedException(String message) {
        super(message);
    }
}
