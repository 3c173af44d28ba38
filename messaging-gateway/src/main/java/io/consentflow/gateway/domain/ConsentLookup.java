package io.consentflow.gateway.domain;

import java.time.Instant;

/** What the gate judges a contact by: consent-state's snapshot, narrowed by any STOP it does not reflect yet. */
public final class ConsentLookup {

    private final ConsentTable snapshots;
    private final PendingStops pendingStops;

    public ConsentLookup(ConsentTable snapshots, PendingStops pendingStops) {
        this.snapshots = snapshots;
        this.pendingStops = pendingStops;
    }

    /** The contact's consent as the gate should see it now, or null when no consent is known. */
    public ConsentFacts facts(String contactKey) {
        return pendingStops.apply(contactKey, snapshots.get(contactKey));
    }

    /**
     * Meta refused a marketing message with 131050 (the user stopped marketing in WhatsApp), in the answer to a send
     * or in a failed status reported at {@code at}: consent-service records it as a STOP; until its snapshot says so,
     * marketing to the contact is refused here.
     */
    public void marketingStoppedAtMeta(String contactKey, Instant at, Instant now) {
        pendingStops.stopped(contactKey, false, at, now);
    }
}
