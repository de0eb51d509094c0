package org.rispacs.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Map;
import org.rispacs.api.common.CommandRefusedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors of the web pages as pages: an unknown study or URL is a 404 page, a bad query parameter a
 * 400 page that says which parameter and what it should be. It runs before the
 * {@code @ExceptionHandler}s, because {@link ApiErrors} would answer anything with a problem
 * document; requests of the REST API (and the OpenAPI description and actuator) are left to it.
 * Anything else (a failure of ours) goes on to the default handling, a 500.
 */
@Component
class PageErrors implements HandlerExceptionResolver, Ordered {

    @Override
    public int getOrder() {
        // after Spring Boot's DefaultErrorAttributes (which only notes the exception), before the rest
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (isApi(request)) {
            return null;
        }
        HttpStatusCode status;
        String detail;
        if (failure instanceof NoResourceFoundException) {
            status = HttpStatus.NOT_FOUND;
            detail = "There is no page at " + request.getRequestURI() + ".";
        } else if (failure instanceof TypeMismatchException mismatch) {
            status = HttpStatus.BAD_REQUEST;
            detail = mismatch(mismatch);
        } else if (failure instanceof CommandRefusedException refused) {
            status = switch (refused.code()) {
                case UNKNOWN -> HttpStatus.NOT_FOUND;
                case INVALID -> HttpStatus.BAD_REQUEST;
                case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
                default -> HttpStatus.CONFLICT;
            };
            detail = refused.getMessage();
        } else if (failure instanceof IllegalArgumentException invalid) {
            status = HttpStatus.BAD_REQUEST;
            detail = invalid.getMessage();
        } else if (failure instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            status = error.getStatusCode();
            detail = error.getBody().getDetail();
        } else {
            return null;
        }
        response.setStatus(status.value());
        String view = status.value() == 404 ? "error/404" : status.value() == 403 ? "error/403" : "error/400";
        return new ModelAndView(view, Map.of("status", status.value(), "detail", detail == null ? "" : detail),
                status);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/v3/api-docs")
                || path.startsWith("/actuator");
    }

    private static String mismatch(TypeMismatchException mismatch) {
        String parameter = mismatch instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName() : mismatch.getPropertyName();
        Class<?> expected = mismatch.getRequiredType();
        String what;
        if (expected != null && expected.isEnum()) {
            what = "one of " + Arrays.toString(expected.getEnumConstants());
        } else if (expected != null && Temporal.class.isAssignableFrom(expected)) {
            what = "a date and time such as 2026-12-07T09:30:00";
        } else if (expected != null && (expected.isPrimitive() || Number.class.isAssignableFrom(expected))) {
            what = "a number";
        } else {
            what = "a " + (expected == null ? "different value" : expected.getSimpleName());
        }
        return "The parameter '" + parameter + "' must be " + what + "; '" + mismatch.getValue() + "' is not.";
    }
}
