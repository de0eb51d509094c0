package org.rispacs.dicom.data;

import java.io.IOException;

/** The bytes read are not a valid (or not an acceptable) DICOM encoding. */
public class DicomFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomFormatException(String message) {
        super(message);
    }

    public DicomFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
