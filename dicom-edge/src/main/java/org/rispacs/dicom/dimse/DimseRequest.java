package org.rispacs.dicom.dimse;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.ul.association.Association;

/**
 * A request as a service sees it: its command set, the association and context it came on, and
 * the way back to the requestor for requests we send it on the same association (N-EVENT-REPORT);
 * {@code peer} is null where no such way exists.
 */
public record DimseRequest(Association association, Association.NegotiatedContext context, Attributes command,
                           PeerRequests peer) {

    public DimseRequest(Association association, Association.NegotiatedContext context, Attributes command) {
        this(association, context, command, null);
    }

    public int commandField() {
        return command.getInt(Tags.CommandField);
    }

    public int messageId() {
        return command.getInt(Tags.MessageID);
    }

    public String affectedSopClassUid() {
        return command.getString(Tags.AffectedSOPClassUID);
    }

    public String affectedSopInstanceUid() {
        return command.getString(Tags.AffectedSOPInstanceUID);
    }
}
