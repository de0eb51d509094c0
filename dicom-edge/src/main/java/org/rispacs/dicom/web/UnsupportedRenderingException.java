package org.rispacs.dicom.web;

/** The object's pixel data is in a form the renderer cannot turn into an image (compressed, palette, ...). */
public class UnsupportedRenderingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedRenderingException(String message) {
        super(message);
    }

    public UnsupportedRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
