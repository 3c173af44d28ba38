package io.consentflow.audit.app;

/** Port: the configured RFC 3161 time-stamping authority (blocking; called on the checkpoint thread). */
public interface TimestampAuthority {

    boolean enabled();

    /** The token (DER, base64); throws {@code Timestamps.TimestampException} when none could be obtained. */
    String stamp(byte[] sha256);
}
