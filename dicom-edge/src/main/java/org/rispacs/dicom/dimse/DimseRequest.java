package org.rispacs.dicom.dimse;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.ul.association.Association;

/** A request as a service sees it: its command set, the association and context it came on. */
public record DimseRequest(Association association, Association.NegotiatedContext context, Attributes command) {

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
