package org.rispacs.dicom.web;

/** A frame number outside 1 to the object's number of frames. */
public class NoSuchFrameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NoSuchFrameException(String message) {
        super(message);
    }
}
