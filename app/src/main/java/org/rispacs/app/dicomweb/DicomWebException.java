package org.rispacs.app.dicomweb;

import org.springframework.http.HttpStatus;

/** A DICOMweb request answered with an HTTP error status and a reason a person can act on. */
class DicomWebException extends RuntimeException {

    private final HttpStatus status;

    DicomWebException(HttpStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static DicomWebException notFound(String what) {
        return new DicomWebException(HttpStatus.NOT_FOUND, what + " is not in the archive");
    }

    static DicomWebException notAcceptable(String accept, String offered) {
        String asked = accept == null || accept.isBlank() ? "*/*" : accept;
        return new DicomWebException(HttpStatus.NOT_ACCEPTABLE,
                "cannot answer with " + asked + "; offered: " + offered);
    }

    static DicomWebException badRequest(String reason) {
        return new DicomWebException(HttpStatus.BAD_REQUEST, reason);
    }
}
