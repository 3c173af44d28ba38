package io.consentflow.simulator.cloudapi;

/** Ends a Cloud API request with a Meta-shaped error body. */
public class CloudApiException extends RuntimeException {

    private final CloudApiError error;
    private final String details;

    public CloudApiException(CloudApiError error, String details) {
        super("(#" + error.code() + ") " + error.title());
        this.error = error;
        this.details = details == null ? error.defaultDetails() : details;
    }

    public CloudApiException(CloudApiError error) {
        this(error, null);
    }

    public CloudApiError error() {
        return error;
    }

    public String details() {
        return details;
    }
}
