package org.rispacs.app.dicomweb;

import java.io.IOException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the DICOMweb services as PS3.18 wants them: the status code, and the reason as plain
 * text (a client that asked for images cannot read a JSON error page anyway). A response already
 * streaming cannot change its status: the connection is cut, so the client sees an incomplete
 * multipart body and never a truncated object taken for a whole one.
 */
@RestControllerAdvice(assignableTypes = {QidoController.class, WadoController.class, StowController.class})
class DicomWebErrors {

    private static final Logger log = LoggerFactory.getLogger(DicomWebErrors.class);

    @ExceptionHandler(DicomWebException.class)
    void refused(DicomWebException e, HttpServletResponse response) throws IOException {
        answer(response, e.status(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    void badRequest(IllegalArgumentException e, HttpServletResponse response) throws IOException {
        answer(response, HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static void answer(HttpServletResponse response, HttpStatus status, String reason) throws IOException {
        if (response.isCommitted()) {
            log.warn("DICOMweb answer failed after it had begun ({}): {}", status, reason);
            throw new IOException("answer failed after it had begun: " + reason);
        }
        response.reset();
        response.setStatus(status.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(reason == null ? status.getReasonPhrase() : reason);
    }
}
