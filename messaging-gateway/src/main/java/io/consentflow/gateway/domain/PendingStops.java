package io.consentflow.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * STOPs the gateway read on {@code whatsapp-inbound} that consent-service's snapshot does not reflect yet. Blocking
 * waits for no one: the gate refuses from the moment the STOP is read, not from the moment consent-service has
 * recorded it and its new snapshot came back on {@code consent-state} (seconds on a loaded system).
 *
 * <p>A STOP counts until the contact has a snapshot made at or after it: consent-service reads the STOP before it
 * makes that snapshot, so the snapshot reflects it (it says STOPPED, or shows the new double opt-in that followed).
 * Comparing times rather than the order of arrival makes the two topics' followers independent of each other, on
 * start-up replay as much as live. A STOP consent-service ignores (an unknown number) leaves no trace after
 * {@code keep}.
 */
public final class PendingStops {

    /** How far back whatsapp-inbound is read on start: the customer-service window, and any STOP still pending. */
    public static final Duration INBOUND_REPLAY = Duration.ofHours(24);

    /** Sweep for expired entries once every this many STOPs. */
    private static final int SWEEP_EVERY = 1024;

    private record Pending(long at, boolean everyPurpose) {
    }

    private final Map<String, Pending> byContact = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();
    private final Duration keep;

    public PendingStops(Duration keep) {
        this.keep = keep;
    }

    /**
     * A withdrawal read at {@code at} (when the gateway published it): of every purpose, or of marketing only (the
     * "Stop promotions" button, Meta's marketing preference). A wider or later STOP replaces an earlier one.
     */
    public void stopped(String contactKey, boolean everyPurpose, Instant at, Instant now) {
        if (at.isBefore(now.minus(keep))) {
            return;
        }
        byContact.merge(contactKey, new Pending(at.toEpochMilli(), everyPurpose), (old, added) ->
                new Pending(Math.max(old.at(), added.at()), old.everyPurpose() || added.everyPurpose()));
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
            prune(now);
        }
    }

    /** Meta's {@code resume} at {@code at}: a marketing-only STOP before it no longer applies. */
    public void resumed(String contactKey, Instant at) {
        byContact.computeIfPresent(contactKey, (key, pending) ->
                !pending.everyPurpose() && pending.at() <= at.toEpochMilli() ? null : pending);
    }

    /** consent-service's snapshot made at {@code snapshotAt} (epoch millis) reflects every STOP read before it. */
    public void reflected(String contactKey, long snapshotAt) {
        byContact.computeIfPresent(contactKey, (key, pending) -> pending.at() <= snapshotAt ? null : pending);
    }

    /** The subject was erased: nothing of the number may stay. */
    public void erased(String contactKey) {
        byContact.remove(contactKey);
    }

    /** The facts the gate should judge by: the snapshot's, narrowed by a STOP it does not reflect yet. */
    public ConsentFacts apply(String contactKey, ConsentFacts facts) {
        Pending pending = byContact.get(contactKey);
        if (pending == null) {
            return facts;
        }
        if (facts != null && facts.since() >= pending.at()) {
            byContact.remove(contactKey, pending);
            return facts;
        }
        String subjectId = facts == null ? null : facts.subjectId();
        long since = facts == null ? 0 : facts.since();
        if (pending.everyPurpose()) {
            return new ConsentFacts(subjectId, ConsentStatus.STOPPED, Set.of(),
                    facts != null && facts.marketingStoppedAtMeta(), since);
        }
        return facts == null ? null
                : new ConsentFacts(subjectId, facts.status(), facts.purposes(), true, since);
    }

    public int size() {
        return byContact.size();
    }

    /** Forgets STOPs older than {@code keep}: by then consent-service has answered, or never will. */
    public void prune(Instant now) {
        long oldest = now.minus(keep).toEpochMilli();
        byContact.values().removeIf(pending -> pending.at() < oldest);
    }
}
