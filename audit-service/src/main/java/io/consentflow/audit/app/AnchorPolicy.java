package io.consentflow.audit.app;

import java.time.Duration;

/**
 * What anchoring and its verification need of {@code consentflow.audit.anchor} (config.AnchorProperties).
 *
 * @param heartbeat            a checkpoint is written at least this often even when no chain moved; zero: no
 *                             heartbeats and no staleness check
 * @param timestamped          a time-stamping authority is configured, so every checkpoint must get a token
 * @param timestampCertificate the TSA certificate to pin (PEM text or a file path); blank: none pinned
 */
public record AnchorPolicy(Duration heartbeat, boolean timestamped, String timestampCertificate) {

    /** How old the newest checkpoint may be before verification calls it stale. */
    public Duration allowedAge(Duration checkpointInterval) {
        return heartbeat.plus(checkpointInterval.compareTo(heartbeat) < 0 ? checkpointInterval : heartbeat)
                .plusSeconds(30);
    }
}
