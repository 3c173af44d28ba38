package io.consentflow.consent.app;

import tools.jackson.databind.JsonNode;

/** What one other service holds about a subject: its JSON answer as-is, or null when the status is not OK. */
public record PeerData(PeerStatus status, JsonNode data) {

    public static PeerData failed(PeerStatus status) {
        return new PeerData(status, null);
    }
}
