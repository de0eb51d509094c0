package org.rispacs.dicom.archive;

import java.io.IOException;

/** A received object whose identifying attributes are missing, invalid or contradict its command. */
public class InstanceMismatchException extends IOException {

    public InstanceMismatchException(String message) {
        super(message);
    }
}
