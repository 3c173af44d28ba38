package io.consentflow.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Every error is {@code application/problem+json}; bad input carries an {@code errors} array of field-level reasons.
 * Rejected values are never echoed, and neither is the request path: staff paths hold phone numbers
 * ({@code /api/v1/subjects/{e164}/...}), so {@code instance} is the matched route pattern, never the concrete path.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    Mono<ResponseEntity<Object>> invalidInput(InvalidInputException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.errors()), exchange);
    }

    /** A handler that records staff access itself (a subject named in the body) could not write the record. */
    @ExceptionHandler(io.consentflow.platform.staff.StaffAccessRecorder.NotRecorded.class)
    Mono<ResponseEntity<Object>> staffAccessNotRecorded(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "Staff access not recorded", List.of(new FieldError(
                "audit", "the audit record could not be written; nothing was read or done"))), exchange);
    }

    /**
     * A body over the limit: the codecs' {@link DataBufferLimitException} where a body is read whole, Spring's
     * {@link ContentTooLargeException} where a streamed body ({@code Flux<T>}) meets an item over it.
     */
    @ExceptionHandler({DataBufferLimitException.class, ContentTooLargeException.class})
    Mono<ResponseEntity<Object>> tooLarge(Exception e, ServerWebExchange exchange) {
        return respond(tooLargeProblem(), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldError> errors = e.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return respond(problem(HttpStatus.BAD_REQUEST, "Invalid request", errors), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (hasCause(e, DataBufferLimitException.class)) {
            return respond(tooLargeProblem(), exchange);
        }
        String field = e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                ? e.getMethodParameter().getParameterName() : "body";
        String reason = hasCause(e, DecodingException.class) ? "is not readable JSON of the expected shape"
                : "is missing or malformed";
        return respond(problem(HttpStatus.BAD_REQUEST, "Invalid request", List.of(new FieldError(field, reason))),
                exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            problem.setInstance(routeOf(exchange));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    public static ProblemDetail problem(HttpStatus status, String title, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setDetail(errors.stream().map(error -> error.field() + ": " + error.reason())
                .reduce((a, b) -> a + "; " + b).orElse(title));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The route template that matched ({@code /api/v1/subjects/{e164}/export}), or nothing when none did. */
    static URI routeOf(ServerWebExchange exchange) {
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof PathPattern path ? path.getPatternString() : "about:blank";
        return URI.create(route.replace("{", "%7B").replace("}", "%7D"));
    }

    private Mono<ResponseEntity<Object>> respond(ProblemDetail problem, ServerWebExchange exchange) {
        return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), exchange);
    }

    private static ProblemDetail tooLargeProblem() {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                List.of(new FieldError("body", "exceeds the size limit")));
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
