package org.rispacs.app.dicomweb;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The absolute URL of this server's DICOMweb root, as the client reached it, for Retrieve and BulkData URLs. */
final class DicomWebRoot {

    static final String PATH = "/dicomweb";

    private DicomWebRoot() {
    }

    static String of(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path(PATH).build().toUriString();
    }
}
