package io.consentflow.consent.app;

import io.consentflow.consent.domain.OutboxEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the outboxes kept in subject documents, as the relay reads and clears them. Implemented by
 * {@code adapters.mongo.SubjectRepository}; used by {@code adapters.kafka.OutboxRelay}.
 */
public interface OutboxStore {

    Flux<String> idsWithOutbox(int limit);

    /** The outbox of one subject, decrypted, and the revision it was read at. */
    Mono<PendingOutbox> outboxOf(String subjectId);

    /** Removes published entries; an erased subject's document goes with its last event. */
    Mono<Void> removeSent(String subjectId, Set<String> eventIds);

    /** Clears the outboxes of documents still at these revisions; returns how many matched. */
    Mono<Integer> clearOutboxesAt(Map<String, Long> revisions);

    /** Entries still to publish for one subject. */
    record PendingOutbox(String subjectId, long revision, List<OutboxEntry> entries) {
    }
}
