package io.consentflow.consent.app;

/** Another writer changed the subject document since it was read; the caller reloads and applies its change again. */
public class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException() {
        super("subject document changed concurrently", null, false, false);
    }
}
