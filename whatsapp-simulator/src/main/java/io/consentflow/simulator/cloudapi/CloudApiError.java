package io.consentflow.simulator.cloudapi;

import io.consentflow.simulator.webhook.StatusError;
import org.springframework.http.HttpStatus;

/** The Cloud API errors the simulator produces, with the HTTP status, type and wording Meta uses. */
public enum CloudApiError {
    INVALID_TOKEN(190, HttpStatus.UNAUTHORIZED, "Invalid OAuth access token - Cannot parse access token", null),
    UNKNOWN_PATH(2500, HttpStatus.BAD_REQUEST, "Unknown path components", null),
    UNKNOWN_OBJECT(100, HttpStatus.BAD_REQUEST, "Unsupported post request",
            "Object with the given ID does not exist, cannot be loaded due to missing permissions, or does not"
                    + " support this operation."),
    INVALID_PARAMETER(100, HttpStatus.BAD_REQUEST, "Invalid parameter", "Invalid parameter"),
    PARAMETER_VALUE_INVALID(131009, HttpStatus.BAD_REQUEST, "Parameter value is not valid",
            "Parameter value is not valid"),
    GENERIC(131000, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
            "Something went wrong. Please try again later."),
    SERVICE_UNAVAILABLE(131016, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
            "A service is temporarily unavailable."),
    RATE_LIMIT(130429, HttpStatus.BAD_REQUEST, "Rate limit hit", "Cloud API message throughput has been reached."),
    PAIR_RATE_LIMIT(131056, HttpStatus.BAD_REQUEST, "(Business Account, Consumer Account) pair rate limit hit",
            "Too many messages sent from the sender phone number to the same recipient phone number in a short"
                    + " period of time."),
    UNDELIVERABLE(131026, HttpStatus.BAD_REQUEST, "Message undeliverable",
            "Message Undeliverable: the recipient is not a WhatsApp user."),
    REENGAGEMENT(131047, HttpStatus.BAD_REQUEST, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to"
                    + " this number."),
    MARKETING_OPTED_OUT(131050, HttpStatus.BAD_REQUEST,
            "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on"
                    + " WhatsApp from your business.",
            "The user has stopped marketing messages from this business."),
    PARAMETER_COUNT(132000, HttpStatus.BAD_REQUEST,
            "Number of parameters does not match the expected number of params",
            "The number of body parameters does not match the template."),
    TEMPLATE_NOT_FOUND(132001, HttpStatus.NOT_FOUND, "Template name does not exist in the translation",
            "The template does not exist in this language."),
    TEMPLATE_PAUSED(132015, HttpStatus.BAD_REQUEST, "Template is Paused",
            "The template is paused due to low quality, so it cannot be sent."),
    TEMPLATE_DISABLED(132016, HttpStatus.BAD_REQUEST, "Template is Disabled",
            "The template has been paused too many times due to low quality and is now permanently disabled.");

    private final int code;
    private final HttpStatus status;
    private final String title;
    private final String defaultDetails;

    CloudApiError(int code, HttpStatus status, String title, String defaultDetails) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.defaultDetails = defaultDetails;
    }

    public int code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String defaultDetails() {
        return defaultDetails;
    }

    public StatusError asStatusError(String details) {
        return new StatusError(code, title, title, details == null ? defaultDetails : details);
    }

    /** The error a fault injection asks for; unknown codes fall back to 131000. */
    public static CloudApiError forInjectedCode(int code) {
        for (CloudApiError e : values()) {
            if (e.code == code && e != INVALID_PARAMETER && e != UNKNOWN_OBJECT) {
                return e;
            }
        }
        return GENERIC;
    }
}
