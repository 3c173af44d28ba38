package io.consentflow.gateway.domain;

import java.time.Instant;

/**
 * What became of one send request, exactly one per requestId (docs/architecture.md#send). The message log stores it,
 * message-events announces it; its {@code eventId} is fixed when it is decided, so a redelivered request re-publishes
 * the identical event.
 */
public sealed interface SendOutcome {

    String eventId();

    Instant at();

    /** The name the log and the staff timeline show: BLOCKED, SENT, FAILED or AMBIGUOUS. */
    String kind();

    /** The gate refused it before anything left. */
    record Blocked(String eventId, Instant at, Refusal reason, String detail) implements SendOutcome {
        public String kind() {
            return "BLOCKED";
        }

        /** The reason, then the detail if any: what the log and the MessageBlocked event carry. */
        public String summary() {
            return reason.name() + (detail == null ? "" : ": " + detail);
        }
    }

    /** Meta accepted it and named its wamid (in the answer, or in a status webhook that echoed the requestId). */
    record Sent(String eventId, Instant at, String wamid) implements SendOutcome {
        public String kind() {
            return "SENT";
        }
    }

    /**
     * Meta said it did not process it, or it never left (errorCode {@link #NOT_SENT}).
     *
     * @param retryable     a new request may be tried later (throttling, 131049)
     * @param deferredUntil for 131049: not before this instant
     */
    record Failed(String eventId, Instant at, int errorCode, String errorTitle, int httpStatus, boolean retryable,
            Instant deferredUntil) implements SendOutcome {

        public static final int NOT_SENT = -1;

        public String kind() {
            return "FAILED";
        }
    }

    /**
     * The request left and no answer said what Meta did with it (5xx, timeout), and no status webhook echoed its
     * requestId within the reconciliation time: reported, never sent again.
     */
    record Ambiguous(String eventId, Instant at, String reason) implements SendOutcome {
        public String kind() {
            return "AMBIGUOUS";
        }
    }
}
