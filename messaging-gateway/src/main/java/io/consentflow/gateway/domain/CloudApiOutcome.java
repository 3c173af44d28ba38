package io.consentflow.gateway.domain;

import java.time.Duration;
import java.util.Set;

/** How the gateway treats a Cloud API error code (docs/architecture.md#send). */
public final class CloudApiOutcome {

    /** Throttling: Meta's rate limit (130429) and pair rate limit (131056): back off and try again. */
    public static final Set<Integer> THROTTLED = Set.of(130429, 131056);
    /** 131049: Meta chose not to deliver this marketing message now, for ecosystem health: wait a day. */
    public static final int DEFERRED = 131049;
    public static final Duration DEFER_FOR = Duration.ofHours(24);
    /** The user stopped marketing messages in WhatsApp; consent-service treats it as a marketing STOP. */
    public static final int MARKETING_STOPPED = 131050;

    private CloudApiOutcome() {
    }

    /**
     * Whether the same request may be sent again now: only when Meta says it did not process it (throttling). A
     * server error is no such statement: Meta may have accepted the message before it failed.
     */
    public static boolean retryNow(int httpStatus, int errorCode) {
        return THROTTLED.contains(errorCode);
    }

    /** A 5xx answer: the outcome is unknown until a status webhook names the request. */
    public static boolean mayHaveBeenAccepted(int httpStatus) {
        return httpStatus >= 500;
    }
}
