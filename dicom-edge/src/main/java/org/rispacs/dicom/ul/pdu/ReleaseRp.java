package org.rispacs.dicom.ul.pdu;

public record ReleaseRp() implements Pdu {
}
