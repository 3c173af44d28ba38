package io.consentflow.simulator.control;

import org.springframework.http.HttpStatus;

/** A control API failure, rendered as application/problem+json; {@code field} names the offending input. */
public class ControlException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ControlException(HttpStatus status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static ControlException notFound(String number) {
        return new ControlException(HttpStatus.NOT_FOUND, "number", "No simulated phone " + number + ".");
    }
}
