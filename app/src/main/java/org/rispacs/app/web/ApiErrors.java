package org.rispacs.app.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Objects;
import java.util.stream.Collectors;
import org.rispacs.api.common.CommandRefusedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal of the REST API is an RFC 9457 problem document that says what was wrong, so
 * an integration engineer can fix the request without reading our logs.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    /** The command side refuses with a typed reason; the code travels in the problem's properties. */
    @ExceptionHandler(CommandRefusedException.class)
    ProblemDetail refused(CommandRefusedException refusal) {
        HttpStatus status = switch (refusal.code()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNKNOWN -> HttpStatus.NOT_FOUND;
            case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
            case ILLEGAL_TRANSITION, PATIENT_MERGED, ACCESSION_IN_USE, STUDY_UID_IN_USE, ORDER_CONFLICT,
                    PATIENT_MISMATCH, ORDER_HAS_STUDY -> HttpStatus.CONFLICT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setTitle("Request refused");
        problem.setProperty("code", refusal.code().name());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setTitle("Request refused");
        return problem;
    }

    /** Malformed JSON or a value of the wrong type or outside an enumeration. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = unreadable.getCause() instanceof JsonMappingException mapping
                ? mapping.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                        .filter(Objects::nonNull).collect(Collectors.joining(".")) + ": " + mapping.getOriginalMessage()
                : "the body is not valid JSON";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Unreadable request");
        return handleExceptionInternal(unreadable, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Invalid request");
        return handleExceptionInternal(invalid, problem, headers, status, request);
    }
}
