package io.consentflow.gateway.app;

import java.time.Duration;
import java.util.Map;

/**
 * The settings the send path reads, taken from {@code consentflow.gateway} by config (so app never reads config).
 *
 * @param concurrency         Cloud API calls in flight per listener
 * @param settleWithin        how long an unsettled request waits for a status echo before it becomes AMBIGUOUS
 * @param settleInterval      how often the unsettled requests are looked at
 * @param consentServiceKey   consent-service's HMAC key: its own messages
 * @param customerServiceKeys signer name to HMAC key of each producer authorised for customer service
 */
public record SendSettings(int concurrency, Duration settleWithin, Duration settleInterval, String consentServiceKey,
        Map<String, String> customerServiceKeys) {
}
