package io.consentflow.retention.app;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import reactor.core.publisher.Mono;

/** Port: event ids already handled, so a redelivered event is skipped; forgotten explicitly after a while. */
public interface ProcessedEvents {

    Mono<Boolean> seen(String eventId);

    Mono<Void> remember(String eventId, Instant now);

    /** Which of {@code eventIds} were handled before, in one query. */
    Mono<Set<String>> seenAmong(Collection<String> eventIds);

    /** Remembers all of {@code eventIds} at once; ids remembered before are fine. */
    Mono<Void> rememberAll(Collection<String> eventIds, Instant now);

    /** Forgets the ids remembered before {@code cutoff}; emits how many. */
    Mono<Long> purgeBefore(Instant cutoff);
}
