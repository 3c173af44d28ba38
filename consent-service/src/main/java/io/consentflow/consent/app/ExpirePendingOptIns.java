package io.consentflow.consent.app;

import io.consentflow.consent.domain.ConsentLifecycle;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends pending opt-ins whose confirmation deadline passed (OptInExpired, pending data deleted). Explicit and
 * periodic (config's {@code ExpiryScheduling} runs it): MongoDB TTL indexes are not the mechanism
 * (docs/architecture.md#retention), and the wire server in tests has none.
 */
@Service
public class ExpirePendingOptIns {

    private final SubjectStore subjects;
    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;

    public ExpirePendingOptIns(SubjectStore subjects, ConsentCommands commands, ConsentLifecycle lifecycle) {
        this.subjects = subjects;
        this.commands = commands;
        this.lifecycle = lifecycle;
    }

    /** The indexes the scan and every other subject query use; before the first scan. */
    public Mono<Void> prepare() {
        return subjects.createIndexes();
    }

    /** Expires every opt-in due now (up to one batch); emits how many expired. */
    public Mono<Integer> expireDue() {
        // the ids first, then the changes: the scan's cursor is closed before the documents change
        return subjects.idsWithPendingExpiredBy(commands.now(), 500).collectList().flatMapMany(Flux::fromIterable)
                .concatMap(id -> commands.onSubjectId(id, null, lifecycle::expire))
                .filter(Boolean::booleanValue).count().map(Long::intValue);
    }
}
