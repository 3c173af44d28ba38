package io.consentflow.gateway.adapters.http;

import io.consentflow.gateway.app.CallResult;
import io.consentflow.gateway.domain.CloudApiOutcome;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.time.Clock;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What an attempt's answer (or its failure) means for the message: {@link CloudApiClient} calls, this reads. A 2xx
 * with a message id is sent; Meta's throttling is retried now, its "try later" deferred; a 5xx or a timeout after the
 * request left is final and may have been accepted; a request that never left may be sent again.
 */
final class CloudApiAnswers {

    private final ObjectMapper json;
    private final Clock clock;

    CloudApiAnswers(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Meta's answer to an attempt: sent with its message id, to retry now or later, or final. */
    CallResult interpret(int status, byte[] text) {
        if (status >= 200 && status < 300) {
            JsonNode id = (text.length == 0 ? json.missingNode() : json.readTree(text))
                    .path("messages").path(0).path("id");
            if (id.isString() && !id.asString().isBlank()) {
                return CallResult.sent(id.asString());
            }
            // Meta said yes but named no message: it may or may not go out
            return new CallResult(null, status, 0, "accepted without a message id", false, true, null);
        }
        int code = 0;
        String title = null;
        try {
            JsonNode error = json.readTree(text).path("error");
            code = error.path("code").asInt(0);
            title = CallResult.redact(error.path("message").asString(null));
        } catch (RuntimeException e) {
            title = "unreadable error body";
        }
        if (code == CloudApiOutcome.DEFERRED) {
            return new CallResult(null, status, code, title, true, false,
                    clock.instant().plus(CloudApiOutcome.DEFER_FOR));
        }
        if (CloudApiOutcome.retryNow(status, code)) {
            return new CallResult(null, status, code, title, true, false, null);
        }
        // a server error after the request arrived: Meta may have accepted the message before it failed
        return new CallResult(null, status, code, title, false, CloudApiOutcome.mayHaveBeenAccepted(status), null);
    }

    /** Never left: the breaker refused it, or no connection was made (the reason is a type's name). */
    static CallResult notSent(Class<? extends Throwable> reason) {
        return new CallResult(null, 0, CallResult.NOT_SENT, "not sent: " + reason.getSimpleName(), true, false, null);
    }

    /** No answer: a request that never left may be sent again; after it left (a timeout), Meta may have sent it. */
    static CallResult failed(Throwable error) {
        if (neverLeft(error)) {
            return notSent(error.getClass());
        }
        return new CallResult(null, 0, 0, "no answer: " + error.getClass().getSimpleName(), false, true, null);
    }

    private static boolean neverLeft(Throwable error) {
        return error instanceof WebClientRequestException && hasCause(error, ConnectException.class);
    }

    /** What the circuit breaker counts: 5xx answers, requests that failed on the way, answers that never came. */
    static boolean countsAgainstMeta(Throwable error) {
        return (error instanceof RetryableAnswer answer && answer.result.httpStatus() >= 500)
                || error instanceof WebClientRequestException || hasCause(error, ReadTimeoutException.class);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
