package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.domain.OutboxEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event ids the broker lately acknowledged for this relay, whichever path published them (a write's hand-over
 * or a document read). A document may still hold an entry after its publish (a later write copied the outbox before
 * the clear, or the scan read it before its write handed it over); such an entry is removed, not published again.
 * Fewer duplicates, never fewer events: an id is only added after its acknowledgement. Bounded; the relay's thread
 * and the workers it hands to touch it, one at a time.
 */
final class AcknowledgedEvents {

    private static final int REMEMBERED = 20_000;

    private final Set<String> ids = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1_024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    boolean contains(OutboxEntry entry) {
        return ids.contains(entry.eventId());
    }

    void addAll(List<OutboxEntry> entries) {
        entries.forEach(entry -> ids.add(entry.eventId()));
    }
}
