package org.rispacs.dicom.ul.association;

import org.rispacs.dicom.ul.pdu.AssociateRj;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;

/**
 * Answers a connection that came past the limit of simultaneous associations: its A-ASSOCIATE-RQ
 * is read and rejected as transient, service-provider (presentation), local-limit-exceeded
 * (PS3.8 9.3.4, table 9-21), so that the requestor learns at once that it may try again later
 * instead of waiting unanswered until its own timeout.
 */
public final class LimitExceeded implements AssociationHandler {

    public static final LimitExceeded INSTANCE = new LimitExceeded();

    private LimitExceeded() {
    }

    @Override
    public Pdu associationRequested(Association association, AssociateRq request) {
        return new AssociateRj(AssociateRj.REJECTED_TRANSIENT, AssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION,
                AssociateRj.LOCAL_LIMIT_EXCEEDED);
    }

    @Override
    public void dataReceived(Association association, PresentationDataValue value) {
        throw new IllegalStateException("a rejected association carries no data");
    }
}
