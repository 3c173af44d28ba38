package io.consentflow.gateway.app;

import java.time.Instant;

/**
 * What became of one Cloud API call.
 *
 * @param wamid         Meta's message id when accepted
 * @param httpStatus    HTTP status (0: no answer)
 * @param errorCode     Meta's error code (0 when accepted; -1 when the request never left: circuit open, no connection;
 *                      -2 when the caller's guard refused it right before it would have left)
 * @param errorTitle    Meta's error text with digit runs removed (no numbers in events)
 * @param retryable     the caller may ask again with a new request
 * @param ambiguous     the request may have reached Meta: never re-sent blindly
 * @param deferredUntil for 131049: not before this instant
 */
public record CallResult(String wamid, int httpStatus, int errorCode, String errorTitle, boolean retryable, boolean ambiguous,
        Instant deferredUntil) {

    public static final int NOT_SENT = -1;
    /** The caller's guard refused the attempt right before it would have left: nothing left this time. */
    public static final int REFUSED = -2;

    public static CallResult sent(String wamid) {
        return new CallResult(wamid, 200, 0, null, false, false, null);
    }

    public static CallResult refused() {
        return new CallResult(null, 0, REFUSED, "refused before it left", false, false, null);
    }

    public boolean refusedBeforeLeaving() {
        return errorCode == REFUSED;
    }

    public boolean accepted() {
        return wamid != null;
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text.replaceAll("\\+?\\d[\\d ()-]{4,}\\d", "#");
        return redacted.length() > 200 ? redacted.substring(0, 200) : redacted;
    }
}
