package org.rispacs.dicom.archive;

/** A received object whose data set names another SOP class than its command (PS3.4 B.2.3: 0xA900). */
public final class SopClassMismatchException extends InstanceMismatchException {

    public SopClassMismatchException(String message) {
        super(message);
    }
}
