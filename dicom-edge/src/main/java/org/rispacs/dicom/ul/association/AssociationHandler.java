package org.rispacs.dicom.ul.association;

import org.rispacs.dicom.ul.pdu.AssociateAc;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;

/** The service user of an association: the DIMSE layer above the upper layer. */
public interface AssociationHandler {

    /**
     * A-ASSOCIATE indication (acceptor side): answer with an A-ASSOCIATE-AC to accept or an
     * A-ASSOCIATE-RJ to reject.
     */
    Pdu associationRequested(Association association, AssociateRq request);

    /** A-ASSOCIATE confirmation (requestor side) or response sent (acceptor side). */
    default void established(Association association, AssociateAc accepted) {
    }

    /** P-DATA indication: one fragment of a DIMSE message, in arrival order. */
    void dataReceived(Association association, PresentationDataValue value) throws Exception;

    /** The association ended: released, aborted by either side, or the connection dropped. */
    default void ended(Association association, String how) {
    }
}
