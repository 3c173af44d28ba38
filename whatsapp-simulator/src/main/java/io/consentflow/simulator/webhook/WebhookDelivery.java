package io.consentflow.simulator.webhook;

import java.time.Instant;

/** The outcome of one webhook delivery (after all its attempts), kept for the control API and the UI. */
public record WebhookDelivery(Instant at, String kind, String reference, int attempts, boolean delivered,
        String lastError) {
}
