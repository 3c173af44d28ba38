package io.consentflow.audit.config;

import io.consentflow.audit.app.AnchorPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Anchoring of checkpoints outside the operator's store, under {@code consentflow.audit.anchor}
 * (docs/architecture.md#audit).
 *
 * @param heartbeat a checkpoint is written at least this often even when no chain moved, so a newest checkpoint
 *                  older than {@code heartbeat} plus the checkpoint interval means checkpoints were removed (or the
 *                  service is down); zero switches heartbeats and the staleness check off
 * @param timestamp the RFC 3161 time-stamping authority
 * @param witness   where each checkpoint head is delivered
 */
@ConfigurationProperties("consentflow.audit.anchor")
public record AnchorProperties(@DefaultValue("5m") Duration heartbeat, @DefaultValue Timestamp timestamp,
        @DefaultValue Witness witness) {

    /**
     * @param url         the TSA's RFC 3161 endpoint (HTTP POST application/timestamp-query); blank: no time-stamps
     * @param certificate the TSA certificate to pin, as PEM text or the path of a PEM file; blank: a token is checked
     *                    against the certificate it carries (integrity, not the TSA's identity)
     * @param timeout     per request
     */
    public record Timestamp(@DefaultValue("") String url, @DefaultValue("") String certificate,
            @DefaultValue("10s") Duration timeout) {

        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * @param folder a folder the heads are written to (one file per checkpoint); blank: none
     * @param url    an HTTPS witness: heads are POSTed there as JSON, and GET on the same URL answers every head it
     *               holds as a JSON array; blank: none
     */
    public record Witness(@DefaultValue("") String folder, @DefaultValue("") String url,
            @DefaultValue("10s") Duration timeout) {

        public boolean enabled() {
            return (folder != null && !folder.isBlank()) || (url != null && !url.isBlank());
        }
    }

    /** What anchoring and its verification need of these settings. */
    public AnchorPolicy policy() {
        return new AnchorPolicy(heartbeat, timestamp.enabled(), timestamp.certificate());
    }
}
