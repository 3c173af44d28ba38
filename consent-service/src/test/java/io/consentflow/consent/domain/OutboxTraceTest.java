package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.consentflow.consent.domain.DomainEvent.StateTombstone;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A change's trace context goes to the events that change queued, never to ones an earlier change left waiting. */
class OutboxTraceTest {

    static final String EARLIER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String NOW = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void onlyTheEntriesQueuedByTheChangeCarryItsTraceContext() {
        Subject subject = Subject.create("s-1", "ck-1", "+4915112345678", "de", Instant.EPOCH);
        subject.enqueue(new StateTombstone("e-1", "ck-1"));
        subject.encodeQueued(encodedIn(EARLIER));
        subject.enqueue(new StateTombstone("e-2", "ck-1"));
        subject.encodeQueued(encodedIn(null));

        subject.removeFromOutbox(Set.of("e-2")); // a change may drop waiting entries (an erasure does)
        subject.enqueue(new StateTombstone("e-3", "ck-1"));
        subject.enqueue(new StateTombstone("e-4", "ck-1"));
        subject.encodeQueued(encodedIn(NOW));

        assertThat(subject.outbox()).extracting(OutboxEntry::eventId, OutboxEntry::traceparent).containsExactly(
                tuple("e-1", EARLIER), tuple("e-3", NOW),
                tuple("e-4", NOW));
        assertThat(subject.queued()).as("every queued event went into the outbox").isEmpty();
    }

    /** Stands in for the app's encoder: the change's trace context on each entry it encodes. */
    private static Function<DomainEvent, OutboxEntry> encodedIn(String traceparent) {
        return event -> new OutboxEntry(event.eventId(), "consent-state", "ck-1", null, false, traceparent);
    }
}
