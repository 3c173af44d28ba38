package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A change's trace context goes to the events that change queued, never to ones an earlier change left waiting. */
class OutboxTraceTest {

    static final String EARLIER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String NOW = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void onlyTheEntriesQueuedByTheChangeCarryItsTraceContext() {
        Subject subject = Subject.create("s-1", "ck-1", "+4915112345678", "de", Instant.EPOCH);
        subject.enqueue(new OutboxEntry("e-1", "consent-events", "s-1", null));
        subject.traceQueuedSince(List.of(), EARLIER);
        subject.enqueue(new OutboxEntry("e-2", "consent-events", "s-1", null));
        List<OutboxEntry> before = subject.outbox();

        subject.removeFromOutbox(Set.of("e-2")); // a change may drop waiting entries (an erasure does)
        subject.enqueue(new OutboxEntry("e-3", "consent-state", "ck-1", null));
        subject.enqueue(new OutboxEntry("e-4", "consent-events", "s-1", null));
        subject.traceQueuedSince(before, NOW);

        assertThat(subject.outbox()).extracting(OutboxEntry::eventId, OutboxEntry::traceparent).containsExactly(
                tuple("e-1", EARLIER), tuple("e-3", NOW),
                tuple("e-4", NOW));
    }
}
