package org.rispacs.dicom.ul.pdu;

public record ReleaseRq() implements Pdu {
}
