package org.rispacs.app.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the command side become RFC 9457 problem documents with the reason given. */
@RestControllerAdvice(assignableTypes = OrderController.class)
class OrderErrors {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail refused(IllegalArgumentException refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refusal.getMessage());
        problem.setTitle("Order refused");
        return problem;
    }
}
