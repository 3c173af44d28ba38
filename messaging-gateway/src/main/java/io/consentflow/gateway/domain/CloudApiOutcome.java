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

    /** Whether the same request may be retried now (throttling or a server error), never for permanent errors. */
    public static boolean retryNow(int httpStatus, int errorCode) {
        return THROTTLED.contains(errorCode) || httpStatus >= 500;
    }
}
