package org.rispacs.dicom.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/** Command sets (PS3.7 6.3, 9.1): always Implicit VR Little Endian, group length first. */
public final class Commands {

    /** Command Data Set Type (0000,0800) when no data set follows. */
    public static final int NO_DATA_SET = 0x0101;
    private static final int DATA_SET_PRESENT = 0x0001;
    private static final int MAX_ERROR_COMMENT = 64;

    private Commands() {
    }

    public static Attributes decode(byte[] bytes) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(bytes))) {
            return reader.readDataset(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    public static byte[] encode(Attributes command) {
        command.remove(Tags.CommandGroupLength);
        byte[] body = DicomWriter.encode(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        ByteBuffer encoded = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        encoded.putShort((short) 0).putShort((short) 0).putInt(4).putInt(body.length).put(body);
        return encoded.array();
    }

    public static boolean hasDataset(Attributes command) {
        Integer type = command.getInt(Tags.CommandDataSetType);
        return type != null && type != NO_DATA_SET;
    }

    public static Attributes response(DimseRequest request, DimseResponse response) {
        Attributes command = new Attributes();
        String sopClass = request.affectedSopClassUid() != null ? request.affectedSopClassUid()
                : request.command().getString(Tags.RequestedSOPClassUID);
        if (sopClass != null) {
            command.setString(Tags.AffectedSOPClassUID, VR.UI, sopClass);
        }
        command.setInt(Tags.CommandField, VR.US, CommandField.responseTo(request.commandField()));
        command.setInt(Tags.MessageIDBeingRespondedTo, VR.US, request.messageId());
        command.setInt(Tags.CommandDataSetType, VR.US, response.dataset() != null ? DATA_SET_PRESENT : NO_DATA_SET);
        command.setInt(Tags.Status, VR.US, response.status());
        String instance = request.affectedSopInstanceUid() != null ? request.affectedSopInstanceUid()
                : request.command().getString(Tags.RequestedSOPInstanceUID);
        if (instance != null) {
            command.setString(Tags.AffectedSOPInstanceUID, VR.UI, instance);
        }
        if (response.errorComment() != null) {
            command.setString(Tags.ErrorComment, VR.LO, errorComment(response.errorComment()));
        }
        if (response.commandElements() != null) {
            for (int tag : response.commandElements().tags()) {
                command.setBytes(tag, response.commandElements().vrOf(tag), response.commandElements().getBytes(tag));
            }
        }
        return command;
    }

    /**
     * An Error Comment that can always be encoded: a command set has the default repertoire only,
     * and the comment may quote what the peer sent (a UID with any character), so anything but
     * printable ASCII, and the value delimiter, becomes '?'.
     */
    static String errorComment(String comment) {
        StringBuilder encodable = new StringBuilder(Math.min(comment.length(), MAX_ERROR_COMMENT));
        for (int i = 0; i < comment.length() && encodable.length() < MAX_ERROR_COMMENT; i++) {
            char c = comment.charAt(i);
            encodable.append(c >= 0x20 && c < 0x7F && c != '\\' ? c : '?');
        }
        return encodable.toString();
    }

    public static Attributes request(int commandField, int messageId, String sopClassUid, String sopInstanceUid,
                                     boolean withDataset) {
        Attributes command = new Attributes();
        command.setString(Tags.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.setInt(Tags.CommandField, VR.US, commandField);
        command.setInt(Tags.MessageID, VR.US, messageId);
        if (commandField == CommandField.C_STORE_RQ) {
            command.setInt(Tags.Priority, VR.US, 0);
        }
        command.setInt(Tags.CommandDataSetType, VR.US, withDataset ? DATA_SET_PRESENT : NO_DATA_SET);
        if (sopInstanceUid != null) {
            command.setString(Tags.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        }
        return command;
    }
}
