package io.consentflow.platform.observability;

/**
 * What a span records of a failure: the exception's type, never its message, which may quote a record or a number.
 * The DLT's error headers and the logs keep the details.
 */
final class SanitisedError extends RuntimeException {

    private SanitisedError(String type) {
        super(type, null, false, false);
    }

    static SanitisedError of(Throwable failure) {
        Throwable cause = failure;
        // a listener's exception arrives wrapped by spring-kafka: name the innermost one
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new SanitisedError(cause.getClass().getName());
    }
}
