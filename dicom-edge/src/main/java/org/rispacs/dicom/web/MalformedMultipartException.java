package org.rispacs.dicom.web;

import java.io.IOException;

/** A multipart/related body that does not follow RFC 2046's framing: the request is refused, nothing kept. */
public class MalformedMultipartException extends IOException {
    public MalformedMultipartException(String message) {
        super(message);
    }
}
