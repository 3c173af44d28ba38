package io.consentflow.simulator.control;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Faults injected into the simulated Cloud API, for resilience tests and demos. Absent fields mean "no fault".
 *
 * @param errorRate         share of sends (0..1) answered with {@code errorCode}
 * @param errorCode         131000 (HTTP 500, default), 131016 (503), 130429 or 131056 (400)
 * @param latencyMs         added to every Cloud API response
 * @param rateLimitStorm    every send answered with 130429 until cleared
 * @param webhookFailure    no webhook is delivered (Meta is "down" for the receiver)
 * @param duplicateWebhooks every webhook is delivered twice, as Meta sometimes does
 * @param acceptThenErrorRate share of sends (0..1) Meta accepts (the message is delivered, its statuses follow) but
 *                          answers HTTP 500 (131000): the sender cannot tell it from a failure
 */
public record FaultSettings(
        @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate,
        Integer errorCode,
        @Min(0) @Max(60000) Long latencyMs,
        Boolean rateLimitStorm,
        Boolean webhookFailure,
        Boolean duplicateWebhooks,
        @DecimalMin("0.0") @DecimalMax("1.0") Double acceptThenErrorRate) {

    public static final FaultSettings NONE = new FaultSettings(0.0, 131000, 0L, false, false, false, 0.0);

    /** Fills absent fields with "no fault", so a client posts only what it wants to break. */
    public FaultSettings normalized() {
        return new FaultSettings(
                errorRate == null ? 0.0 : errorRate,
                errorCode == null ? 131000 : errorCode,
                latencyMs == null ? 0L : latencyMs,
                Boolean.TRUE.equals(rateLimitStorm),
                Boolean.TRUE.equals(webhookFailure),
                Boolean.TRUE.equals(duplicateWebhooks),
                acceptThenErrorRate == null ? 0.0 : acceptThenErrorRate);
    }
}
