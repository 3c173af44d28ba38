package io.consentflow.simulator.control;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/** Control API errors as application/problem+json with a field-level reason in "errors". */
// Ahead of Boot's problem-details advice, which would otherwise answer with its generic body.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {PhonesController.class, SimulatorAdminController.class})
public class ControlExceptionHandler {

    @ExceptionHandler(ControlException.class)
    public ResponseEntity<ProblemDetail> handle(ControlException e) {
        return problem(e.status(), e.getMessage(), List.of(Map.of("field", e.field(), "reason", e.getMessage())));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    public ResponseEntity<ProblemDetail> handle(WebExchangeBindException e) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors);
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ProblemDetail> handle(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "The request body could not be read.",
                List.of(Map.of("field", "body", "reason", String.valueOf(e.getReason()))));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
            List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
