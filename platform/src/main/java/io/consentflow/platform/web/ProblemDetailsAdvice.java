package io.consentflow.platform.web;

import java.util.List;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns bad input into {@code application/problem+json} with an {@code errors} array of field-level reasons. The
 * rejected values are never echoed: they may be phone numbers.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice {

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalidBody(WebExchangeBindException e) {
        List<FieldError> errors = e.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", errors);
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.errors());
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ProblemDetail tooLarge(DataBufferLimitException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                List.of(new FieldError("body", "exceeds the size limit")));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        if (hasCause(e, DataBufferLimitException.class)) {
            return tooLarge(null);
        }
        String field = e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                ? e.getMethodParameter().getParameterName() : "body";
        String reason = hasCause(e, DecodingException.class) ? "is not readable JSON of the expected shape"
                : "is missing or malformed";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", List.of(new FieldError(field, reason)));
    }

    public static ProblemDetail problem(HttpStatus status, String title, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setDetail(errors.stream().map(error -> error.field() + ": " + error.reason())
                .reduce((a, b) -> a + "; " + b).orElse(title));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
