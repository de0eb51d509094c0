package org.rispacs.dicom.ul.pdu;

/**
 * One fragment of a DIMSE message (PS3.8 9.3.5.1 and Annex E): a piece of either the command or
 * the data set, flagged when it is the last piece.
 */
public record PresentationDataValue(int presentationContextId, boolean command, boolean last, byte[] data) {

    public int headerByte() {
        return (command ? 0x01 : 0x00) | (last ? 0x02 : 0x00);
    }
}
